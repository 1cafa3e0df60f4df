namespace Streaming.Contracts.Subscriptions;

/// <summary>
/// A batch of subscription events that ingest accepted for one partition of (customer, channel) keys. Ingest sends
/// it to the partition's queue (see <see cref="SubscriptionPartitioning"/>) and answers the client only once the
/// broker confirmed it.
/// </summary>
public sealed record SubscriptionEventsAccepted
{
    public required int Partition { get; init; }

    /// <summary>Server time at which ingest accepted the request; the start of event-to-counter latency.</summary>
    public required DateTimeOffset AcceptedAt { get; init; }

    public required IReadOnlyList<SubscriptionEvent> Events { get; init; }
}
