using System.Text.Json.Serialization;

namespace Streaming.FaultSuite.Traffic;

/// <summary>A playback event as a player posts it (README, "Posting playback events").</summary>
public sealed record PlaybackEvent(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string CustomerId,
    string DeviceId,
    string TitleId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SeasonId,
    string Marketplace,
    string Offer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChannelId);

/// <summary>A billing event (docs/metrics.md, "Subscription events"); <c>occurredAt</c> carries the subscriber's offset.</summary>
public sealed record SubscriptionEvent(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string CustomerId,
    string ChannelId,
    string Marketplace);

/// <summary>One request body: events of one route, sent (and resent) as a whole.</summary>
public sealed record Batch(string Route, IReadOnlyList<string> EventIds, byte[] Body);
