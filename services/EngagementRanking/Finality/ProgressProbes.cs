using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Finality;

/// <summary>Sends a progress probe (<see cref="ProgressProbe"/>) into every playback partition queue, as ingest sends events.</summary>
public sealed class ProgressProbes(IBus bus, IOptions<PipelineOptions> pipeline)
{
    public async Task SendAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sends = new List<Task>();
        for (var p = 0; p < pipeline.Value.Partitions; p++)
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{PlaybackPartitioning.QueueName(pipeline.Value.Prefix, p)}"));
            sends.Add(endpoint.Send(ProgressProbe.At(p, at), cancellationToken));
        }
        await Task.WhenAll(sends);
    }
}
