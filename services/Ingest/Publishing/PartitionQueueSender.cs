using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Telemetry;
using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Cuts accepted events into chunks by partition (a kind's message plan), wraps each chunk in one message stamped
/// with the time of acceptance, sends every message to its partition queue at once, and completes when the broker
/// confirmed them all. A send completes on the publisher confirm, and the partition queue is declared before the
/// first send (<see cref="PartitionQueueAddresses"/>), so the messages wait there even before any consumer has started.
/// </summary>
public sealed class PartitionQueueSender(
    ISendEndpointProvider sendEndpoints,
    PartitionQueueAddresses addresses,
    IOptions<PipelineOptions> pipeline,
    IOptions<IngestOptions> ingest,
    TimeProvider time,
    IngestTelemetry telemetry)
{
    /// <param name="plan">Cuts the events: (events, partitions, max events per message) → chunks.</param>
    /// <param name="queueName">The queue of a partition: (namespace prefix, partition) → name.</param>
    /// <param name="message">The message of a chunk accepted at the given time.</param>
    public async Task SendAsync<TEvent, TMessage>(
        string activityName,
        IReadOnlyList<TEvent> events,
        Func<IReadOnlyList<TEvent>, int, int, IReadOnlyList<PartitionChunk<TEvent>>> plan,
        Func<string, int, string> queueName,
        Func<PartitionChunk<TEvent>, DateTimeOffset, TMessage> message,
        CancellationToken cancellationToken)
        where TMessage : class
    {
        var acceptedAt = time.GetUtcNow();
        var messages = plan(events, pipeline.Value.Partitions, ingest.Value.MaxEventsPerMessage)
            .Select(chunk => (Queue: queueName(pipeline.Value.Prefix, chunk.Partition), Message: message(chunk, acceptedAt)))
            .ToList();
        using var activity = telemetry.ActivitySource.StartActivity(activityName);
        activity?.SetTag("ingest.events", events.Count);
        activity?.SetTag("ingest.messages", messages.Count);
        try
        {
            await Task.WhenAll(messages.Select(m => SendOneAsync(m.Queue, m.Message, cancellationToken)));
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task SendOneAsync<TMessage>(string queue, TMessage message, CancellationToken cancellationToken) where TMessage : class
    {
        var endpoint = await sendEndpoints.GetSendEndpoint(await addresses.AddressAsync(queue, cancellationToken));
        await endpoint.Send(message, (SendContext<TMessage> c) => PartitionQueueAddresses.Mandatory(c), cancellationToken);
    }
}
