using MassTransit;
using Streaming.Contracts.Playback;

namespace Streaming.Integration.Tests;

/// <summary>
/// Ingest now sends <see cref="PackedPlaybackEventsAccepted"/>; messages an older ingest left in the partition
/// queues (the JSON-list <see cref="PlaybackEventsAccepted"/>) are still applied, with the same numbers.
/// </summary>
public sealed class UpgradeCompatibilityTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task Messages_in_the_older_json_list_form_still_count_exactly()
    {
        await using var pipeline = new Pipeline(deps, "legacy");
        pipeline.StartSessionization();
        var events = TwoTitles().Select(WireEvents.PlaybackRecord).ToList();

        var sends = pipeline.IngestServices.GetRequiredService<IBus>();
        foreach (var partition in events.GroupBy(e => PlaybackPartitioning.PartitionOf(e.CustomerId, e.DeviceId, e.TitleId, Pipeline.Partitions)))
        {
            var queue = PlaybackPartitioning.QueueName(pipeline.Namespace + ".", partition.Key);
            var endpoint = await sends.GetSendEndpoint(new Uri($"queue:{queue}"));
            await endpoint.Send(new PlaybackEventsAccepted { Partition = partition.Key, AcceptedAt = DateTimeOffset.UtcNow, Events = [.. partition] });
        }
        await pipeline.WaitForProcessedAsync(12);

        // The same totals as EndToEndTests' posted TwoTitles: A 2.00 min / 3 streams, B 3.75 min / 1 stream.
        var answer = await pipeline.QueryAsync(TwoTitlesQuery);
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact(answer["totals"]));
    }
}
