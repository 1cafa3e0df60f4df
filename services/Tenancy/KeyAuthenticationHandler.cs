using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.Tenancy;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;key&gt;</c> (or, without that header and where
/// <see cref="KeyAuthenticationOptions.AcceptsSessionCookie"/>, the key in the dashboard's session cookie) and resolves
/// the caller (<see cref="CallerResolver"/>), on every request: a revoked key's session ends when the key does.
/// No key: no result (401 where a policy applies);
/// a key nobody knows or a revoked one: failed (401). The resolved <see cref="Caller"/> is kept on the request for
/// endpoints (<see cref="HttpContextCaller.Caller"/>). 401 and 403 are problem+json. Where the service allows it
/// (<see cref="KeyAuthenticationOptions.PlayerKeyInQuery"/>), a request without the header may bring a player key as the <c>key</c> query parameter;
/// any other kind of key there fails, so operator, access and billing keys never travel in URLs, which logs keep.
/// </summary>
public sealed class KeyAuthenticationHandler(
    IOptionsMonitor<KeyAuthenticationOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CallerResolver callers,
    IProblemDetailsService problems)
    : AuthenticationHandler<KeyAuthenticationOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "Key";

    /// <summary>The query parameter a player key may come in (<see cref="KeyAuthenticationOptions.PlayerKeyInQuery"/>).</summary>
    public const string QueryKey = "key";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        ReadOnlySpan<char> token;
        if (!string.IsNullOrEmpty(header))
        {
            if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(AuthenticateResult.Fail("not a Bearer key"));
            }
            token = header.AsSpan(BearerPrefix.Length).Trim();
        }
        else if (Options.AcceptsSessionCookie && Request.Cookies[ClientCredential.SessionCookie] is { Length: > 0 } session)
        {
            token = session;
        }
        else
        {
            return Task.FromResult(Options.PlayerKeyInQuery && Request.Query[QueryKey] is [{ Length: > 0 } key]
                ? FromQuery(key)
                : AuthenticateResult.NoResult());
        }
        var caller = callers.Resolve(token);
        if (caller is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked key"));
        }
        Context.Features.Set(caller);
        return Task.FromResult(AuthenticateResult.Success(Tickets.For(caller)));
    }

    private AuthenticateResult FromQuery(string key)
    {
        var caller = callers.Resolve(key);
        if (caller is not { Kind: CallerKind.Player })
        {
            return AuthenticateResult.Fail("the key query parameter takes a known player key only");
        }
        Context.Features.Set(caller);
        return AuthenticateResult.Success(Tickets.For(caller));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(
            "A valid key is required",
            "Send Authorization: Bearer <key> with a key issued by the operator; this one is missing, unknown or revoked.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync("This key may not do that", $"A {Describe(Context.Features.Get<Caller>())} does not grant this request.");
    }

    private static string Describe(Caller? caller) => caller?.Kind switch
    {
        CallerKind.Distributor => "distributor access key",
        CallerKind.Player => "player ingest key",
        CallerKind.Billing => "billing ingest key",
        _ => "key of this kind",
    };

    private async Task WriteProblemAsync(string title, string detail)
    {
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Title = title, Detail = detail },
        });
    }

    /// <summary>One principal per caller, made once: the caller's kind, distributor and key id as claims.</summary>
    private static class Tickets
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Caller, AuthenticationTicket> Made = [];

        public static AuthenticationTicket For(Caller caller) => Made.GetValue(caller, c =>
        {
            List<Claim> claims = [new(CallerClaims.Kind, c.Kind.ToString())];
            if (c.DistributorId is not null) claims.Add(new(CallerClaims.DistributorId, c.DistributorId));
            if (c.KeyId is not null) claims.Add(new(CallerClaims.KeyId, c.KeyId));
            return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName);
        });
    }
}

/// <summary>The claims of a resolved caller's principal.</summary>
public static class CallerClaims
{
    public const string Kind = "caller_kind";
    public const string DistributorId = "distributor_id";
    public const string KeyId = "key_id";
}
