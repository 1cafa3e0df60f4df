using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Batches;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Telemetry;
using Streaming.Ingest.Validation;
using Streaming.ServiceDefaults;

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
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<IngestOptions>>().Value.MaxFutureSkew));
        services.AddScoped<IPlaybackPublisher, MassTransitPlaybackPublisher>();
        services.AddSingleton(sp => new SubscriptionEventValidator(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<IngestOptions>>().Value.MaxFutureSkew));
        services.AddScoped<ISubscriptionPublisher, MassTransitSubscriptionPublisher>();
        services.AddScoped<PartitionQueueSender>();
        services.AddOpenApi();
        return builder;
    }
}
