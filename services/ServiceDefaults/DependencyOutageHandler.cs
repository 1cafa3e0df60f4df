using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

/// <summary>
/// A request that meets an outage of Redis or the broker (<see cref="TransientFaults"/>) is answered 503 problem+json
/// with <c>Retry-After</c> (<c>Resilience:RetryAfterSeconds</c>), not 500: the client may send it again, and the
/// service answers normally again as soon as the dependency is back, without a restart.
/// </summary>
public sealed class DependencyOutageHandler(IProblemDetailsService problems, IOptions<ResilienceOptions> options, ILogger<DependencyOutageHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted || !TransientFaults.IsTransient(exception)) return false;
        var dependency = exception is RedisException or RedisTimeoutException || exception.InnerException is RedisException ? "Redis" : "A dependency";
        var retryAfter = options.Value.RetryAfterSeconds;
        logger.LogWarning("{Dependency} unavailable: {Method} {Path} answered 503 ({Fault}: {Reason})",
            dependency, http.Request.Method, http.Request.Path, exception.GetType().Name, exception.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = $"{dependency} is unavailable",
                Detail = $"{dependency} does not answer; nothing is wrong with the request. Retry after {retryAfter} seconds.",
            },
        });
    }
}
