using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.Ingest.Telemetry;
using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Sends each chunk as one <see cref="PlaybackEventsAccepted"/> to its partition queue, all at once. A send
/// completes on the broker's publisher confirm, and sending to "queue:name" declares that durable queue, so the
/// messages wait there even before any consumer has started.
/// </summary>
public sealed class MassTransitPlaybackPublisher(
    ISendEndpointProvider sendEndpoints,
    IOptions<PipelineOptions> pipeline,
    IOptions<IngestOptions> ingest,
    TimeProvider time,
    IngestTelemetry telemetry) : IPlaybackPublisher
{
    public async Task PublishAsync(IReadOnlyList<PlaybackEvent> events, CancellationToken cancellationToken)
    {
        var acceptedAt = time.GetUtcNow();
        var chunks = PlaybackMessagePlan.Chunk(events, pipeline.Value.Partitions, ingest.Value.MaxEventsPerMessage);
        using var activity = telemetry.ActivitySource.StartActivity("send playback events");
        activity?.SetTag("ingest.events", events.Count);
        activity?.SetTag("ingest.messages", chunks.Count);
        try
        {
            await Task.WhenAll(chunks.Select(chunk => SendAsync(chunk, acceptedAt, cancellationToken)));
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task SendAsync(PlaybackChunk chunk, DateTimeOffset acceptedAt, CancellationToken cancellationToken)
    {
        var queue = PlaybackPartitioning.QueueName(pipeline.Value.Prefix, chunk.Partition);
        var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(
            new PlaybackEventsAccepted { Partition = chunk.Partition, AcceptedAt = acceptedAt, Events = chunk.Events },
            cancellationToken);
    }
}
