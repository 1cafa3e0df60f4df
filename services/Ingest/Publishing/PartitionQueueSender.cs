using System.Diagnostics;
using MassTransit;
using Streaming.Ingest.Telemetry;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Sends one message per chunk to its partition queue, all at once, and completes when the broker confirmed them
/// all. A send completes on the publisher confirm, and sending to "queue:name" declares that durable queue, so the
/// messages wait there even before any consumer has started.
/// </summary>
public sealed class PartitionQueueSender(ISendEndpointProvider sendEndpoints, IngestTelemetry telemetry)
{
    public async Task SendAsync<TMessage>(
        string activityName, int events, IReadOnlyList<(string Queue, TMessage Message)> messages, CancellationToken cancellationToken)
        where TMessage : class
    {
        using var activity = telemetry.ActivitySource.StartActivity(activityName);
        activity?.SetTag("ingest.events", events);
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
        var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(message, cancellationToken);
    }
}
