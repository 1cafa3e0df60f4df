using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Gateway.Admin;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// The dashboard's sign-in under <c>/v1/session</c>. A page cannot send <c>Authorization</c> on its own requests
/// (an <c>EventSource</c> cannot set headers at all), so signing in puts the key in a cookie page scripts cannot read
/// (HttpOnly, SameSite=Strict, Path=/, Secure under HTTPS), which the key authentication accepts like the Bearer
/// header. The cookie holds the key itself rather than a session id: it is checked on every request like the key,
/// so revoking the key ends its sessions within the same 5 seconds, and the gateway keeps no session state. Forged
/// requests from other sites: SameSite=Strict keeps the cookie off them, and sign-in takes only a JSON body, which
/// another origin cannot send without a CORS preflight the gateway refuses.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/v1/session").WithTags("Session");

        session.MapPost("", SignIn)
            .WithName("SignIn")
            .WithSummary("Sign the dashboard in with an access key or the operator key: 204 and an HttpOnly session cookie")
            .WithDescription("Body {\"key\": \"…\"} as application/json. 401 for an unknown or revoked key, 403 for an ingest (player or billing) key; problem+json naming key.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        session.MapGet("", Current)
            .WithName("GetSession")
            .WithSummary("Who is signed in: the distributor of the key, null for the operator; 401 when nobody is")
            .RequireCaller(CallerPolicies.Reader);

        session.MapDelete("", SignOut)
            .WithName("SignOut")
            .WithSummary("Sign out: clears the session cookie (always 204)");

        return app;
    }

    private static Results<NoContent, ProblemHttpResult> SignIn(SignInRequest body, CallerResolver callers, HttpContext http)
    {
        if (string.IsNullOrEmpty(body.Key) || body.Key.Length > AccessToken.MaxLength)
        {
            return AdminProblems.Invalid("key", $"required: an access key or the operator key (at most {AccessToken.MaxLength} characters)");
        }
        switch (callers.Resolve(body.Key)?.Kind)
        {
            case null:
                return AdminProblems.Field(StatusCodes.Status401Unauthorized, "A valid key is required", "key", "unknown or revoked key");
            case CallerKind.Player or CallerKind.Billing:
                return AdminProblems.Field(StatusCodes.Status403Forbidden, "This key may not do that", "key",
                    "an ingest key cannot sign in to the dashboard: use a distributor's access key or the operator key");
        }
        http.Response.Cookies.Append(ClientCredential.SessionCookie, body.Key, CookieOptionsOf(http));
        return TypedResults.NoContent();
    }

    private static Ok<SessionInfo> Current(HttpContext http) => TypedResults.Ok(new SessionInfo(http.Caller()?.DistributorId));

    private static NoContent SignOut(HttpContext http)
    {
        http.Response.Cookies.Delete(ClientCredential.SessionCookie, CookieOptionsOf(http));
        return TypedResults.NoContent();
    }

    /// <summary>A browser-session cookie (no expiry): it ends with the browser, on sign-out, or when its key is revoked.</summary>
    private static CookieOptions CookieOptionsOf(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = http.Request.IsHttps,
        IsEssential = true,
    };
}

/// <summary>The body of <c>POST /v1/session</c>.</summary>
public sealed record SignInRequest(string? Key);

/// <summary>The answer of <c>GET /v1/session</c>: the signed-in distributor, null for the operator.</summary>
public sealed record SessionInfo(string? DistributorId);
