using Streaming.Contracts.Subscriptions;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Sends each chunk of <see cref="SubscriptionMessagePlan"/> as one <see cref="SubscriptionEventsAccepted"/> to its
/// partition queue (see <see cref="PartitionQueueSender"/>).
/// </summary>
public sealed class MassTransitSubscriptionPublisher(PartitionQueueSender sender) : ISubscriptionPublisher
{
    public Task PublishAsync(IReadOnlyList<SubscriptionEvent> events, CancellationToken cancellationToken) =>
        sender.SendAsync("send subscription events", events, SubscriptionMessagePlan.Chunk, SubscriptionPartitioning.QueueName,
            static (chunk, acceptedAt) => new SubscriptionEventsAccepted { Partition = chunk.Partition, AcceptedAt = acceptedAt, Events = chunk.Events },
            cancellationToken);
}
