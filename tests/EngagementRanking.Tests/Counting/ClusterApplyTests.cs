using Microsoft.Extensions.Options;
using Streaming.EngagementRanking.Domain;
using Streaming.EngagementRanking.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A facts message applied on a Redis Cluster of the test's own (3 masters, 3 replicas) with
/// <c>Redis:WaitForReplicas=1</c>: answered (and its message acknowledged) only once the replica of the engagement
/// slot's master holds it.
/// </summary>
public sealed class ClusterApplyTests : OwnRedisClusterTest
{
    private static readonly TimeSpan Grace = TimeSpan.FromDays(15);
    private readonly string _ns = RealDependencies.NewNamespace("eng-cluster") + ".";
    private Task<ApplyOutcome> ApplyAsync(EngagementStore store, StreamActivityRecorded message)
    {
        var (keys, args) = FactsCommit.Build(_ns, message, FactDigest.Of(message.Items),
            MonthFinality.FinalThrough(DateTimeOffset.Parse("2026-11-02T00:00:00Z"), Grace), Grace, TimeSpan.FromHours(24));
        return store.ApplyAsync(keys, args);
    }

    [Fact]
    public async Task A_facts_message_a_frozen_replica_has_not_taken_is_not_answered_and_its_redelivery_is_once_it_has()
    {
        var store = new EngagementStore(Client,
            new ReplicaWait(Client, Options.Create(new RedisOptions { WaitForReplicas = 1, WaitTimeout = TimeSpan.FromMilliseconds(300) })));
        var first = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000));
        Assert.Equal(1, (await ApplyAsync(store, first)).FactsApplied);

        var message = Batch(Fact("c2", "t1", "2026-10-05T11", 2, 120_000), Fact("c3", "t2", "2026-10-06T11", 1, 30_000));
        var (_, replicas) = await Cluster.OwnersAsync(EngagementLayout.StateKey(_ns));
        var replica = Assert.Single(replicas);
        await Cluster.FreezeAsync(replica);
        try
        {
            await Assert.ThrowsAsync<TransientFaultException>(() => ApplyAsync(store, message));
        }
        finally
        {
            await Cluster.ThawAsync(replica);
        }

        // The redelivery finds its marker and is answered as a repeat once the replica has caught up: 3 facts applied.
        Assert.True((await ApplyAsync(store, message)).AlreadyApplied);
        Assert.Equal(3L, (long)await Client.GetDatabase().HashGetAsync(EngagementLayout.StateKey(_ns), EngagementLayout.State.FactsApplied));
    }
}
