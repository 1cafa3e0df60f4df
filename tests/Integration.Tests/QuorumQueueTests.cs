using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;

namespace Streaming.Integration.Tests;

/// <summary>
/// <c>RabbitMq:QuorumQueues</c> on the real broker: ingest (which declares the partition queues before its first
/// send), sessionization's receive endpoints and its facts topology all declare the same quorum queues, the partition
/// queues with a single active consumer, so none of them is refused, and the numbers come out exact.
/// </summary>
public sealed class QuorumQueueTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task Partition_queues_are_quorum_queues_with_a_single_active_consumer_and_the_numbers_stay_exact()
    {
        await using var pipeline = new Pipeline(deps, "quorum", configureHost: h => h.UseSetting("RabbitMq:QuorumQueues", "true"));
        await pipeline.PostAsync(TwoTitles()); // before any consumer: ingest declares the queues
        pipeline.StartSessionization();
        await pipeline.WaitForProcessedAsync(12);

        // A 2.00 min / 3 streams, B 3.75 min / 1 stream (EndToEndTests' TwoTitles), each event once.
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));
        for (var p = 0; p < Pipeline.Partitions; p++)
        {
            var arguments = await deps.QueueArgumentsAsync(PlaybackPartitioning.QueueName(pipeline.Namespace + ".", p));
            Assert.Equal("""{"x-queue-type":"quorum","x-single-active-consumer":true}""", Pipeline.Compact(arguments));
        }
        await Eventually.UntilAsync(async () => await deps.QueueArgumentsAsync(EngagementFactsQueue.Name(pipeline.Namespace + ".")) is not null,
            "sessionization declared the engagement facts queue");
        Assert.Equal("""{"x-queue-type":"quorum"}""", Pipeline.Compact(await deps.QueueArgumentsAsync(EngagementFactsQueue.Name(pipeline.Namespace + "."))));
    }

    [Fact]
    public async Task Without_the_setting_the_queues_stay_classic_without_arguments()
    {
        await using var pipeline = new Pipeline(deps, "classic");
        await pipeline.PostAsync(TwoTitles());
        pipeline.StartSessionization();
        await pipeline.WaitForProcessedAsync(12);

        Assert.Equal("{}", Pipeline.Compact(await deps.QueueArgumentsAsync(PlaybackPartitioning.QueueName(pipeline.Namespace + ".", 0))));
    }
}
