using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Who a request counts against, for rate limits and caps: the credential it presents (<c>Authorization: Bearer</c>,
/// else the dashboard's session cookie <see cref="SessionCookie"/>, else a <c>key</c> query parameter where a service
/// accepts one), else the client's address. A session counts against the key it carries, as that key's Bearer
/// requests do. The credential is kept
/// only as a prefix of its SHA-256, so no secret sits in a limiter's dictionary in the clear.
/// </summary>
public static class ClientCredential
{
    public const string QueryKey = "key";

    /// <summary>The HttpOnly cookie the gateway's <c>POST /v1/session</c> sets: it carries the signed-in key.</summary>
    public const string SessionCookie = "streaming_session";

    /// <summary><c>key:</c> and 16 hex digits of the credential's SHA-256, or <c>address:</c> and the client's address.</summary>
    public static string PartitionOf(HttpContext http, bool acceptsQueryKey)
    {
        if (BearerToken(http.Request) is { } token)
        {
            return Hashed(token);
        }
        if (http.Request.Cookies[SessionCookie] is { Length: > 0 } session)
        {
            return Hashed(session);
        }
        if (acceptsQueryKey && http.Request.Query[QueryKey] is [{ Length: > 0 } key])
        {
            return Hashed(key);
        }
        return $"address:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }

    private static string? BearerToken(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[Scheme.Length..].Trim();
        return token.Length > 0 ? token : null;
    }

    private static string Hashed(string credential) =>
        "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)), 0, 8);
}
