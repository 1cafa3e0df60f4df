using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingest;

/// <summary>Limits of the ingest endpoints, bound from the <c>Ingest</c> section and checked at start-up.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted; the body is buffered in memory to parse it, hence the ceiling.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events in one request; a bigger batch gets 413 before any event is validated.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerRequest { get; set; } = 10_000;

    /// <summary>
    /// Most rejected events the 202 answer lists with their errors (the first ones by index); the answer counts all
    /// of them, so its size does not grow with the batch.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxRejectionsListed { get; set; } = 100;

    /// <summary>Most events in one <c>PackedPlaybackEventsAccepted</c> (or <c>SubscriptionEventsAccepted</c>) message, so a message stays small for the broker.</summary>
    [Range(1, 10_000)]
    public int MaxEventsPerMessage { get; set; } = 1000;

    /// <summary>How long a request waits for the broker to confirm its messages before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far in the future of the server clock an event's <c>occurredAt</c> may lie (client clocks drift).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>Retry-After</c> a 503 answer carries.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
