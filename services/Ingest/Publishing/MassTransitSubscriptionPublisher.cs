using Microsoft.Extensions.Options;
using Streaming.Contracts.Subscriptions;
using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Publishing;

/// <summary>Sends each chunk as one <see cref="SubscriptionEventsAccepted"/> to its partition queue (see <see cref="PartitionQueueSender"/>).</summary>
public sealed class MassTransitSubscriptionPublisher(
    PartitionQueueSender sender,
    IOptions<PipelineOptions> pipeline,
    IOptions<IngestOptions> ingest,
    TimeProvider time) : ISubscriptionPublisher
{
    public Task PublishAsync(IReadOnlyList<SubscriptionEvent> events, CancellationToken cancellationToken)
    {
        var acceptedAt = time.GetUtcNow();
        var messages = SubscriptionMessagePlan.Chunk(events, pipeline.Value.Partitions, ingest.Value.MaxEventsPerMessage)
            .Select(chunk => (
                SubscriptionPartitioning.QueueName(pipeline.Value.Prefix, chunk.Partition),
                new SubscriptionEventsAccepted { Partition = chunk.Partition, AcceptedAt = acceptedAt, Events = chunk.Events }))
            .ToList();
        return sender.SendAsync("send subscription events", events.Count, messages, cancellationToken);
    }
}
