using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Tests;

/// <summary>
/// The partition commit on a Redis Cluster of 3 masters and 3 replicas of the test's own, with
/// <c>Redis:WaitForReplicas=1</c>: a commit is answered (and its message acknowledged) only once a replica holds it,
/// so killing a master loses nothing answered; a replica that does not take it keeps the answer back.
/// </summary>
public sealed class ClusterCommitTests : OwnRedisClusterTest
{
    private const int Partitions = 16;
    private const int BatchesPerPartition = 5;
    private readonly PartitionKeys _keys = new(RealDependencies.NewNamespace("cluster") + ".", "toy");
    private PartitionStore Store(TimeSpan waitTimeout) => Store(Client, waitTimeout);

    private static PartitionStore Store(IConnectionMultiplexer redis, TimeSpan waitTimeout) =>
        new(redis, new ReplicaWait(redis, Options.Create(new RedisOptions { WaitForReplicas = 1, WaitTimeout = waitTimeout })));

    private string Counter(int partition) => _keys.Prefix(partition) + "counts";

    private PartitionCommit Batch(int partition, Guid message)
    {
        var commit = new PartitionCommit([_keys.BatchMarker(partition, message)], TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
        commit.AddTimeline(_keys.Timeline(partition, "k" + message.ToString("N")), TimelineTtl.Renew, [new("e:a", "1")], []);
        commit.Increment(Counter(partition), "n", 1, CounterMode.Sum);
        return commit;
    }

    private async Task<long> CountAsync(int partition) => (long)await Client.GetDatabase().HashGetAsync(Counter(partition), "n");

    [Fact]
    public async Task Commits_answered_before_a_master_is_killed_are_all_there_after_its_replica_takes_over()
    {
        var store = Store(TimeSpan.FromSeconds(1));
        for (var round = 0; round < BatchesPerPartition; round++)
        {
            for (var p = 0; p < Partitions; p++) Assert.Equal(CommitOutcome.Applied, await store.CommitAsync(Batch(p, Guid.NewGuid())));
        }
        var survivor = await ReplicaOfAsync(Counter(0));
        var master = (await Cluster.OwnersAsync(Counter(0))).Master;

        await Cluster.KillAsync(master); // at once after the last answer: nothing had time to trickle over
        await Cluster.UntilHealthyAsync();
        await Client.ConfigureAsync(); // the client learns the new master now rather than on its next error

        Assert.Equal(survivor, (await Cluster.OwnersAsync(Counter(0))).Master);
        for (var p = 0; p < Partitions; p++)
        {
            Assert.Equal(BatchesPerPartition, await Eventually.UntilAsync(() => CountAsync(p), n => n == BatchesPerPartition, $"partition {p}'s count"));
        }
        // The promoted master has no replica until the killed one is back: a commit to its slots is held back, retried.
        await Assert.ThrowsAsync<TransientFaultException>(() => store.CommitAsync(Batch(0, Guid.NewGuid())));

        await Cluster.StartNodeAsync(master);
        await Cluster.UntilHealthyAsync();
        await Client.ConfigureAsync();
        Assert.Equal(master, await ReplicaOfAsync(Counter(0)));
        Assert.Equal(CommitOutcome.Applied, await store.CommitAsync(Batch(0, Guid.NewGuid())));
        // 5 answered rounds plus the held-back commit, which wrote to the promoted master before its WAIT failed (its
        // message would be redelivered and find its marker), plus the last one.
        Assert.Equal(BatchesPerPartition + 2, await CountAsync(0));
    }

    [Fact]
    public async Task A_commit_a_frozen_replica_has_not_taken_is_not_answered_and_its_redelivery_is_once_it_has()
    {
        var store = Store(TimeSpan.FromMilliseconds(300));
        const int partition = 5;
        var replica = await ReplicaOfAsync(Counter(partition));
        // The batch before the freeze waits up to 10 s for the replica: on a loaded machine a fresh cluster's first write
        // can take longer than 300 ms to reach it, and that wait is not what this test is about.
        Assert.Equal(CommitOutcome.Applied, await Store(TimeSpan.FromSeconds(10)).CommitAsync(Batch(partition, Guid.NewGuid())));

        var message = Guid.NewGuid();
        await Cluster.FreezeAsync(replica);
        try
        {
            var fault = await Assert.ThrowsAsync<TransientFaultException>(() => store.CommitAsync(Batch(partition, message)));
            Assert.Contains("reached 0 of 1 replicas", fault.Message, StringComparison.Ordinal);
            // A restarted process (a connection that wrote nothing yet) finds the marker and does not answer either.
            await using var restarted = await ConnectionMultiplexer.ConnectAsync(Cluster.Configuration);
            var other = Store(restarted, TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAsync<TransientFaultException>(() => other.CommitAsync(Batch(partition, message)));
        }
        finally
        {
            await Cluster.ThawAsync(replica);
        }

        // The redelivered batch finds its marker; the answer now waits for the replica, which catches up. A replica just
        // woken may take longer than the 300 ms wait on a loaded machine: the redelivery is delivered again while it
        // meets a transient fault, as a consumer retries one.
        var redelivered = await Eventually.UntilAsync(async () =>
        {
            try
            {
                return (CommitOutcome?)await store.CommitAsync(Batch(partition, message));
            }
            catch (TransientFaultException)
            {
                return null;
            }
        }, outcome => outcome is not null, "the redelivery once the thawed replica has caught up");
        Assert.Equal(CommitOutcome.AlreadyApplied, redelivered);
        var (applied, _) = await store.LoadAsync([_keys.BatchMarker(partition, message)], []);
        Assert.Equal([true], applied);
        Assert.Equal(2, await CountAsync(partition));
    }
}
