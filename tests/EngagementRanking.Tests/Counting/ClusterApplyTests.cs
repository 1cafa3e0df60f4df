using Microsoft.Extensions.Options;
using Streaming.EngagementRanking.Domain;
using Streaming.EngagementRanking.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A facts message applied on a Redis Cluster of the test's own (3 masters, 3 replicas) with
/// <c>Redis:WaitForReplicas=1</c>: answered (and its message acknowledged) only once the replica of every slot it
/// wrote (the control slot, each month × territory slot) holds it; territories of one month on different masters.
/// </summary>
public sealed class ClusterApplyTests : OwnRedisClusterTest
{
    private static readonly TimeSpan Grace = TimeSpan.FromDays(15);
    private readonly string _ns = RealDependencies.NewNamespace("eng-cluster") + ".";

    private Task<ApplyOutcome> ApplyAsync(EngagementStore store, StreamActivityRecorded message) =>
        store.ApplyAsync(Commit(message));

    private FactsCommit Commit(StreamActivityRecorded message) => new(_ns, message, FactDigest.Of(message.Items),
        MonthFinality.FinalThrough(DateTimeOffset.Parse("2026-11-02T00:00:00Z"), Grace), Grace, TimeSpan.FromHours(24));

    /// <summary>
    /// The redelivery after a thaw, delivered again while it meets a transient fault, as the consumer retries one: a
    /// replica just woken (SIGCONT) may take longer than the 300 ms wait to catch up on a loaded machine. Every attempt
    /// is a full redelivery.
    /// </summary>
    private Task<ApplyOutcome?> RedeliverAsync(EngagementStore store, StreamActivityRecorded message) =>
        Eventually.UntilAsync(async () =>
        {
            try
            {
                return await ApplyAsync(store, message);
            }
            catch (TransientFaultException)
            {
                return null;
            }
        }, outcome => outcome is not null, "the redelivery once the thawed replica has caught up");

    [Fact]
    public async Task A_facts_message_a_frozen_replica_has_not_taken_is_not_answered_and_its_redelivery_is_once_it_has()
    {
        var store = new EngagementStore(Client,
            new ReplicaWait(Client, Options.Create(new RedisOptions { WaitForReplicas = 1, WaitTimeout = TimeSpan.FromMilliseconds(300) })));
        var first = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000));
        // The message before the freeze waits up to 10 s for the replicas: on a loaded machine a fresh cluster's first
        // writes can take longer than 300 ms to reach them, and that wait is not what this test is about.
        var patient = new EngagementStore(Client,
            new ReplicaWait(Client, Options.Create(new RedisOptions { WaitForReplicas = 1, WaitTimeout = TimeSpan.FromSeconds(10) })));
        Assert.Equal(1, (await ApplyAsync(patient, first)).FactsApplied);

        var message = Batch(Fact("c2", "t1", "2026-10-05T11", 2, 120_000), Fact("c3", "t2", "2026-10-06T11", 1, 30_000));
        await NotAnsweredWhileFrozenAsync(await ReplicaOfAsync(EngagementLayout.StateKey(_ns)), () => ApplyAsync(store, message));

        // The control slot's first step did not reach the replica, so nothing past it ran: the redelivery finds its plan
        // and applies the message once the replica has caught up, and a third delivery is a repeat. 3 facts applied.
        Assert.Equal(2, (await RedeliverAsync(store, message))!.FactsApplied);
        Assert.True((await ApplyAsync(store, message)).AlreadyApplied);
        Assert.Equal(3L, (long)await Client.GetDatabase().HashGetAsync(EngagementLayout.StateKey(_ns), EngagementLayout.State.FactsApplied));
    }

    /// <summary>With <paramref name="replica"/> frozen (SIGSTOP), <paramref name="apply"/> is not answered: a transient fault.</summary>
    private async Task NotAnsweredWhileFrozenAsync(int replica, Func<Task> apply)
    {
        await Cluster.FreezeAsync(replica);
        try
        {
            await Assert.ThrowsAsync<TransientFaultException>(apply);
        }
        finally
        {
            await Cluster.ThawAsync(replica);
        }
    }

    /// <summary>Territories whose October 2026 slot has a master other than <paramref name="master"/>'s, in this order.</summary>
    private async Task<string> TerritoryOffAsync(int master)
    {
        foreach (var territory in new[] { "FR", "DE", "GB", "JP", "BR", "IN", "CA", "MX", "ES", "IT" })
        {
            if ((await Cluster.OwnersAsync(EngagementLayout.Prime(_ns, new UtcMonth(2026, 10), territory))).Master != master) return territory;
        }
        throw new InvalidOperationException("every candidate territory's slot is on one master");
    }

    [Fact]
    public async Task Two_territories_of_a_month_sit_on_different_masters_and_rank_exactly()
    {
        var store = new EngagementStore(Client, new ReplicaWait(Client, Options.Create(new RedisOptions { WaitForReplicas = 1 })));
        var october = new UtcMonth(2026, 10);
        var (usMaster, _) = await Cluster.OwnersAsync(EngagementLayout.Prime(_ns, october, "US"));
        var other = await TerritoryOffAsync(usMaster);
        Assert.NotEqual(usMaster, (await Cluster.OwnersAsync(EngagementLayout.Offers(_ns, october, other))).Master);

        // US: t1 has c1 and c2 (2 customers, 90 s), t2 has c3 (1, 200 s): t1 100, t2 0. The other territory: t2 alone, 100.
        var applied = await ApplyAsync(store, Batch(
            Fact("c1", "t1", "2026-10-05T10", 1, 60_000), Fact("c2", "t1", "2026-10-06T10", 1, 30_000), Fact("c3", "t2", "2026-10-06T10", 1, 200_000),
            Fact("c4", "t2", "2026-10-07T10", 1, 45_000, marketplace: other)));
        Assert.Equal(4, applied.FactsApplied);

        async Task<IEnumerable<(string, int?)>> CerAsync(string territory) =>
            CerRanking.Rank((await Client.GetDatabase().HashGetAllAsync(EngagementLayout.Prime(_ns, october, territory))).Select(e =>
            {
                Assert.True(EngagementLayout.TryParsePrimeValue(((ReadOnlyMemory<byte>)e.Value).Span, out var customers, out var watched));
                return new PrimeUnit(EngagementLayout.TitleKind, ((string)e.Name!)["title:".Length..], customers, watched);
            }), withCer: true).Select(r => (r.Unit.Id, r.Cer));
        Assert.Equal([("t1", 100), ("t2", 0)], await CerAsync("US"));
        Assert.Equal([("t2", 100)], await CerAsync(other));
    }

    [Fact]
    public async Task A_message_is_not_answered_until_every_territory_slot_it_wrote_is_on_a_replica()
    {
        var store = new EngagementStore(Client,
            new ReplicaWait(Client, Options.Create(new RedisOptions { WaitForReplicas = 1, WaitTimeout = TimeSpan.FromMilliseconds(300) })));
        var (controlMaster, _) = await Cluster.OwnersAsync(EngagementLayout.StateKey(_ns));
        var territory = await TerritoryOffAsync(controlMaster);
        var message = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000, marketplace: territory), Fact("c2", "t1", "2026-10-05T11", 1, 60_000, marketplace: territory));
        await NotAnsweredWhileFrozenAsync(await ReplicaOfAsync(EngagementLayout.Prime(_ns, new UtcMonth(2026, 10), territory)), () => ApplyAsync(store, message));

        // The slot's step was done (its marker says so) but not confirmed: the redelivery confirms it and finishes, once.
        Assert.Equal(2, (await RedeliverAsync(store, message))!.FactsApplied);
        Assert.True((await ApplyAsync(store, message)).AlreadyApplied);
        Assert.Equal(2L, (long)await Client.GetDatabase().HashGetAsync(EngagementLayout.StateKey(_ns), EngagementLayout.State.FactsApplied));
        Assert.Equal("2 120000", (string?)await Client.GetDatabase().HashGetAsync(EngagementLayout.Prime(_ns, new UtcMonth(2026, 10), territory), "title:t1"));
    }
}
