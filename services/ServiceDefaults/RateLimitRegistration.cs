using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

public static class RateLimitRegistration
{
    /// <summary>Probes and the metrics scrape are never limited: an orchestrator or Prometheus must always get through.</summary>
    private static readonly PathString[] Exempt = ["/alive", "/health", "/metrics"];

    /// <summary>
    /// One token bucket per credential (<see cref="ClientCredential"/>) for every request of the service, sized by
    /// <c>RateLimits:&lt;<paramref name="service"/>&gt;</c>; over it, 429 problem+json with <c>Retry-After</c>.
    /// </summary>
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder, string service, bool acceptsQueryKey = false)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions>($"{RateLimitOptions.Section}:{service}");
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            var (tokens, period) = limits.Replenishment();
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Exempt.Any(p => http.Request.Path.StartsWithSegments(p))
                    ? RateLimitPartition.GetNoLimiter("exempt")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientCredential.PartitionOf(http, acceptsQueryKey), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = tokens,
                        ReplenishmentPeriod = period,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, limits, period).AsValueTask();
        });
        return builder;
    }

    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static async Task RejectAsync(OnRejectedContext rejected, RateLimitOptions limits, TimeSpan period)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : period;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"This key (or, without one, this address) may send {limits.RequestsPerSecond} requests per second in bursts of at most {limits.Burst}. Retry after {seconds} seconds."),
            },
        });
    }

    private static ValueTask AsValueTask(this Task task) => new(task);
}
