using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Batches;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Telemetry;
using Streaming.Ingest.Validation;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

namespace Streaming.Ingest.Extensions;

public static class IngestExtensions
{
    /// <summary>Options, validation, batch handling, publishing, telemetry and rate limits of the ingest endpoints.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        // A player's key may come as ?key= (navigator.sendBeacon cannot set headers): it is limited like a Bearer key.
        builder.AddRateLimits("Ingest", acceptsQueryKey: true);
        var services = builder.Services;
        services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestTelemetry>();
        services.AddSingleton<BatchIngestion>();
        services.AddSingleton(sp => new PlaybackEventValidator(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<IngestOptions>>().Value.MaxFutureSkew, Catalog(sp)));
        services.AddScoped<IPlaybackPublisher, MassTransitPlaybackPublisher>();
        services.AddSingleton(sp => new SubscriptionEventValidator(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<IngestOptions>>().Value.MaxFutureSkew, Catalog(sp)));
        services.AddScoped<ISubscriptionPublisher, MassTransitSubscriptionPublisher>();
        services.AddScoped<PartitionQueueSender>();
        services.AddOpenApi();
        return builder;
    }

    /// <summary>The catalog in effect, read per event from the cache (no Redis on the way).</summary>
    private static Func<TenancySnapshot> Catalog(IServiceProvider services)
    {
        var cache = services.GetRequiredService<TenancyCache>();
        return () => cache.Current;
    }
}
