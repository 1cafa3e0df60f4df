namespace Streaming.Contracts.Playback;

/// <summary>One validated player event as ingest forwards it. Field meanings: docs/metrics.md.</summary>
public sealed record PlaybackEvent
{
    public required string EventId { get; init; }

    /// <summary>One of <see cref="PlaybackTypes"/> (validated by ingest).</summary>
    public required string Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
    public required string CustomerId { get; init; }
    public required string DeviceId { get; init; }
    public required string TitleId { get; init; }
    public string? SeasonId { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Marketplace { get; init; }

    /// <summary>One of <see cref="PlaybackOffers"/> (validated by ingest).</summary>
    public required string Offer { get; init; }

    public string? ChannelId { get; init; }
    public double? PositionSeconds { get; init; }
}
