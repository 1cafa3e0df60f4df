using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Finality;

/// <summary>Sends a progress probe (<see cref="ProgressProbe"/>) into every playback partition queue, as ingest sends events.</summary>
public sealed class ProgressProbes(IBus bus, PartitionQueueAddresses addresses, IOptions<PipelineOptions> pipeline)
{
    public async Task SendAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sends = new List<Task>();
        for (var p = 0; p < pipeline.Value.Partitions; p++)
        {
            var endpoint = await bus.GetSendEndpoint(await addresses.AddressAsync(PlaybackPartitioning.QueueName(pipeline.Value.Prefix, p), cancellationToken));
            sends.Add(endpoint.Send(ProgressProbe.At(p, at), (SendContext<PackedPlaybackEventsAccepted> c) => PartitionQueueAddresses.Mandatory(c), cancellationToken));
        }
        await Task.WhenAll(sends);
    }
}
