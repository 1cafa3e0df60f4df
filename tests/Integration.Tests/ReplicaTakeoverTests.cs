extern alias SessionizationService;
using System.Diagnostics;
using Streaming.PartitionedState.Replicas;
using Streaming.Contracts.Playback;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests;

/// <summary>
/// Two replicas of sessionization on quorum queues (single active consumer) split the partitions; one is stopped
/// under traffic (it finishes what it holds, or leaves it unacknowledged, and leaves the member set), and the other
/// takes its partitions over within 30 s with the numbers exact. A killed replica, whose entry must expire instead, is
/// the cluster fault suite's (infra/fault-suite.sh --cluster).
/// </summary>
public sealed class ReplicaTakeoverTests(RealDependencies deps, ITestOutputHelper output) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task A_stopped_replicas_partitions_are_taken_over_within_30_s_and_the_numbers_stay_exact()
    {
        await using var pipeline = new Pipeline(deps, "takeover", configureHost: h => h.UseSetting("RabbitMq:QuorumQueues", "true"));
        await using var r1 = StartReplica(pipeline, "r1"); // disposing it again at the end does nothing
        await using var r2 = StartReplica(pipeline, "r2");
        var (owner1, owner2) = (Assignment(r1), Assignment(r2));
        // The rendezvous function over {r1, r2} and 4 partitions: r1 owns 0 and 1, r2 owns 2 and 3 (PartitionOwnershipTests).
        await Eventually.UntilAsync(() => owner1.Owned.SequenceEqual([0, 1]) && owner2.Owned.SequenceEqual([2, 3]), "r1 on 0 and 1, r2 on 2 and 3",
            seen: () => $"r1 {string.Join(',', owner1.Owned)}, r2 {string.Join(',', owner2.Owned)}");
        // TwoTitles' streams land on partitions 1 (c1 on web and tv) and 3 (c1 on phone, c2): each replica has traffic.
        Assert.Equal(1, PlaybackPartitioning.PartitionOf("c1", "web", "A", Pipeline.Partitions));
        Assert.Equal(3, PlaybackPartitioning.PartitionOf("c2", "tv", "B", Pipeline.Partitions));

        var events = TwoTitles();
        await pipeline.PostAsync(events[..6]);
        var stopped = Stopwatch.StartNew();
        await r1.DisposeAsync(); // under traffic: what r1 holds goes back to its queues unacknowledged
        await pipeline.PostAsync(events[6..]);
        await pipeline.PostAsync(TwoTitles()); // every event again: duplicates

        await Eventually.UntilAsync(() => owner2.Owned.SequenceEqual([0, 1, 2, 3]), "r2 on every partition", TimeSpan.FromSeconds(30),
            seen: () => string.Join(',', owner2.Owned));
        var takenOver = stopped.Elapsed;
        await pipeline.WaitForProcessedAsync(24);
        output.WriteLine($"r2 owned r1's partitions {takenOver.TotalSeconds:0.0} s after r1 stopped; all 24 events processed after {stopped.Elapsed.TotalSeconds:0.0} s");

        // A 2.00 min / 3 streams, B 3.75 min / 1 stream (EndToEndTests' TwoTitles), each event once; the second copy all duplicates.
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));
        Assert.Equal(12, await pipeline.SumStatAsync("duplicates"));
        Assert.Equal(24, await pipeline.ProcessedAsync());
    }

    private static PartitionAssignment Assignment(WebApplicationFactory<SessionizationService::Program> replica) =>
        replica.Services.GetRequiredService<PartitionAssignment>();

    /// <summary>A started sessionization replica with its own id.</summary>
    private static WebApplicationFactory<SessionizationService::Program> StartReplica(Pipeline pipeline, string id)
    {
        var replica = pipeline.Configure(new WebApplicationFactory<SessionizationService::Program>())
            .WithWebHostBuilder(b => b.UseSetting("Pipeline:ReplicaId", id));
        _ = replica.Server;
        return replica;
    }
}
