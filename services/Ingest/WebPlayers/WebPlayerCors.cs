using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Streaming.Tenancy;

namespace Streaming.Ingest.WebPlayers;

/// <summary>
/// CORS for web players on the playback route, from the origins each player key allows (<see cref="WebOrigins"/>, in
/// the cached snapshot, so a new or revoked key counts within seconds). Runs after authentication, which resolved the
/// key, and before authorization, so 401 and 403 answers carry the headers too.
/// <list type="bullet">
/// <item>A preflight (OPTIONS with <c>Access-Control-Request-Method</c>) carries no <c>Authorization</c>: it is
/// allowed when its <c>key</c> query parameter is a player key that allows the origin or, without that parameter,
/// when some player key allows the origin (one without origins allows all). Allowed: 204 with POST,
/// <c>Authorization</c> and <c>Content-Type</c>, cached by the browser <see cref="MaxAgeSeconds"/>; refused: 403
/// problem without CORS headers.</item>
/// <item>A request with a player key its origin may not use is refused with 403 and no CORS headers: the events are
/// not taken and the page cannot read the answer.</item>
/// <item>Otherwise the answer names the origin in <c>Access-Control-Allow-Origin</c> and exposes <c>Retry-After</c>
/// when the page must read it: the request came with a player key (202, 400, 413, 429, 503 alike), or its key was
/// missing, unknown (401) or of another kind (403); those bodies tell nothing but that the key is wrong. Operator
/// keys do not belong in pages: no CORS for them.</item>
/// </list>
/// The subscription route gets none of it: billing systems are servers.
/// </summary>
public sealed class WebPlayerCors(RequestDelegate next, TenancyCache tenancy, IProblemDetailsService problems)
{
    /// <summary>How long a browser may keep an allowed preflight (Chromium keeps at most 2 hours).</summary>
    public const int MaxAgeSeconds = 600;

    public const string AllowedMethods = "POST";
    public const string AllowedHeaders = "Authorization, Content-Type";

    private static readonly PathString Route = "/v1/events/playback";

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!IsPlaybackRoute(request.Path) || request.Headers.Origin is not [{ Length: > 0 } origin])
        {
            await next(http);
            return;
        }
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            await PreflightAsync(http, origin);
            return;
        }
        if (http.Caller() is { Kind: CallerKind.Player } player && !player.Origins.Allows(origin))
        {
            await RefuseAsync(http, $"This player key may not be used by pages of {origin}: the operator lists the origins it allows.");
            return;
        }
        http.Response.OnStarting(() =>
        {
            if (PageMayRead(http))
            {
                var headers = http.Response.Headers;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlExposeHeaders = HeaderNames.RetryAfter;
            }
            return Task.CompletedTask;
        });
        await next(http);
    }

    private static bool IsPlaybackRoute(PathString path) =>
        path.StartsWithSegments(Route, StringComparison.OrdinalIgnoreCase, out var rest) && (!rest.HasValue || rest.Value == "/");

    private static bool PageMayRead(HttpContext http) => http.Caller() switch
    {
        { Kind: CallerKind.Player } => true, // its origin was checked above
        null => http.Response.StatusCode == StatusCodes.Status401Unauthorized,
        { Kind: CallerKind.Operator } => false,
        _ => http.Response.StatusCode == StatusCodes.Status403Forbidden,
    };

    private async Task PreflightAsync(HttpContext http, string origin)
    {
        var request = http.Request;
        var snapshot = tenancy.Current;
        var allowed = request.Headers.AccessControlRequestMethod == AllowedMethods &&
                      (request.Query[KeyAuthenticationHandler.QueryKey] is [{ Length: > 0 } key]
                          ? snapshot.Resolve(key) is { Kind: CallerKind.Player } player && player.Origins.Allows(origin)
                          : snapshot.PlayerKeysAllow(origin));
        if (!allowed)
        {
            await RefuseAsync(http, $"No player key allows POST from pages of {origin}{(request.Query.ContainsKey(KeyAuthenticationHandler.QueryKey) ? " with this key" : "")}.");
            return;
        }
        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task RefuseAsync(HttpContext http, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "This origin may not post with this key", Detail = detail },
        });
    }
}

public static class WebPlayerCorsRegistration
{
    /// <summary>CORS of the playback route for web players (<see cref="WebPlayerCors"/>): between authentication and authorization.</summary>
    public static IApplicationBuilder UseWebPlayerCors(this IApplicationBuilder app) => app.UseMiddleware<WebPlayerCors>();
}
