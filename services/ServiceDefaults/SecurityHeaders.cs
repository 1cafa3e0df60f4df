using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Headers every response of a service carries, problem+json answers and the dashboard's files included: no MIME
/// sniffing, no referrer to other sites, never framed, and a content security policy that lets a page load only what
/// its own service serves.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Everything a page loads comes from the service itself: scripts, styles and fetches from other origins are
    /// refused by the browser, so an operator's page never depends on a CDN it may not reach, and injected markup
    /// runs nothing (no inline scripts or styles).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// The API reference page (Scalar, under <c>/scalar</c>) starts itself with an inline module script and styles
    /// its elements inline: it gets inline scripts and styles, still nothing from another origin.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public const string ApiReferencePath = "/scalar";

    /// <summary>
    /// Adds the headers when the response starts, so an answer the exception handler rewrites (it clears the headers)
    /// carries them as well. A header a route set itself is kept.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (headers.ContentSecurityPolicy.Count == 0)
            {
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : ContentSecurityPolicy;
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
