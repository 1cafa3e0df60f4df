using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Streaming.Gateway.Channels;
using Streaming.Gateway.Engagement;
using Streaming.Gateway.Live;
using Streaming.Gateway.Queries;
using Streaming.Gateway.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway;

public static class GatewayExtensions
{
    /// <summary>Options, the query planners and counter readers, the live feed, telemetry, OpenAPI, rate limits and CORS for the configured web front ends.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddRateLimits("Gateway");
        var services = builder.Services;
        services.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PerformancePlanner>();
        services.AddSingleton<PerformanceCounterReader>();
        services.AddSingleton<PerformanceAnswerCache>();
        services.AddSingleton<KeptCounterHashes>();
        services.AddSingleton<ChannelPlanner>();
        services.AddSingleton<ChannelCounterReader>();
        services.AddSingleton<LiveReader>();
        services.AddSingleton<LiveHub>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<LiveStreamCap>();
        services.AddSingleton<GatewayTelemetry>();
        services.AddEngagementQueries();
        services.AddOpenApi();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewayOptions>>((cors, gateway) =>
            cors.AddDefaultPolicy(policy =>
            {
                // Read-only API: browsers may GET from the configured origins only (none by default), and read the
                // headers a download and a 429 or 503 carry.
                policy.WithOrigins([.. gateway.Value.Origins]).WithMethods(HttpMethods.Get).AllowAnyHeader()
                    .WithExposedHeaders("Content-Disposition", "Retry-After");
            }));
        return builder;
    }
}
