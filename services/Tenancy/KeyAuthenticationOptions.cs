using Microsoft.AspNetCore.Authentication;

namespace Streaming.Tenancy;

public sealed class KeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Whether a request without <c>Authorization</c> may present its key in the session cookie
    /// (<see cref="Streaming.ServiceDefaults.ClientCredential.SessionCookie"/>). The gateway's dashboard does; ingest
    /// does not: a cookie is sent to every port of its host, and ingest must not act on a dashboard session.
    /// </summary>
    public bool AcceptsSessionCookie { get; set; }
}
