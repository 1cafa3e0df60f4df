using Streaming.Contracts.Subscriptions;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Hands accepted subscription events to the broker. The task completes only when the broker has confirmed every
/// event, and faults (or is cancelled) otherwise.
/// </summary>
public interface ISubscriptionPublisher
{
    Task PublishAsync(IReadOnlyList<SubscriptionEvent> events, CancellationToken cancellationToken);
}
