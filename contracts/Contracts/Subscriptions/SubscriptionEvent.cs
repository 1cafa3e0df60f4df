namespace Streaming.Contracts.Subscriptions;

/// <summary>One validated billing event of a channel subscription as ingest forwards it. Rules: docs/metrics.md.</summary>
public sealed record SubscriptionEvent
{
    public required string EventId { get; init; }

    /// <summary>One of <see cref="SubscriptionTypes"/> (validated by ingest).</summary>
    public required string Type { get; init; }

    /// <summary>When it happened, with the subscriber's local offset: the offset decides the local day it counts on.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public required string CustomerId { get; init; }
    public required string ChannelId { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Marketplace { get; init; }
}
