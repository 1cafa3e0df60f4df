using Streaming.PartitionedState.Window;

namespace Streaming.Subscriptions.Domain;

/// <summary>One event of a subscriber key (customer, channel), reduced to what the rules use.</summary>
public sealed record SubscriberEvent(string EventId, SubscriptionKind Kind, long AtMs, int OffsetMinutes) : IWindowEvent<SubscriberEvent>
{
    private const long DayMs = 86_400_000;
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static SubscriberEvent From(string eventId, SubscriptionKind kind, DateTimeOffset occurredAt) =>
        new(eventId, kind, occurredAt.ToUnixTimeMilliseconds(), (int)occurredAt.Offset.TotalMinutes);

    /// <summary>The subscriber's local date (<see cref="DateOnly.DayNumber"/>): the instant read with the event's own offset.</summary>
    public int LocalDayNumber => DayNumberOf(AtMs + OffsetMinutes * 60_000L);

    /// <summary>The UTC date of the instant (<see cref="DateOnly.DayNumber"/>), whatever the offset.</summary>
    public int UtcDayNumber => DayNumberOf(AtMs);

    private static int DayNumberOf(long unixMs)
    {
        var days = Math.DivRem(unixMs, DayMs, out var rest);
        return UnixEpochDayNumber + (int)(rest < 0 ? days - 1 : days);
    }

    /// <summary>Time order (the instant, whatever the offsets); ties by kind (trial, paid, cancelled), then by eventId.</summary>
    public int CompareTo(SubscriberEvent? other)
    {
        if (other is null) return 1;
        var byTime = AtMs.CompareTo(other.AtMs);
        if (byTime != 0) return byTime;
        var byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(EventId, other.EventId);
    }
}
