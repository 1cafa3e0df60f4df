using Microsoft.AspNetCore.Http;

namespace Streaming.Tenancy;

public static class HttpContextCaller
{
    /// <summary>
    /// The caller the request's key resolved to; null on routes that need no key when none was sent. Endpoints that
    /// answer per distributor read <see cref="Caller.DistributorId"/> (null for the operator, who sees everything).
    /// </summary>
    public static Caller? Caller(this HttpContext http) => http.Features.Get<Caller>();
}
