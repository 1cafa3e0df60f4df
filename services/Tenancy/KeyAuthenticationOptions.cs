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

    /// <summary>
    /// Whether a request without <c>Authorization</c> may bring a player key (and no other kind) in the <c>key</c> query
    /// parameter: ingest does, because <c>navigator.sendBeacon</c>, the one reliable way to post while a page unloads,
    /// cannot set headers.
    /// </summary>
    public bool PlayerKeyInQuery { get; set; }
}
