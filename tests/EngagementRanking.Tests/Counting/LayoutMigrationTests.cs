using StackExchange.Redis;
using Streaming.EngagementRanking.Storage;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A namespace written before the split (every counter under {eng}) is moved into the month × territory slots at the
/// service's start: the counters read the same, the final month stays final (its slot turns facts away), the open
/// month's customer detail still keeps a returning customer from counting twice. September 2026 is final (t1: 3
/// customers, 600 s; 4 facts were late), October is open (US: c1 on t1, 60 s; FR: c3 on t2, 45 s).
/// </summary>
public sealed class LayoutMigrationTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly UtcMonth September = new(2026, 9);
    private static readonly UtcMonth October = new(2026, 10);

    private static async Task WriteOldLayoutAsync(IDatabase redis, string ns)
    {
        await redis.HashSetAsync(EngagementLayout.StateKey(ns), EngagementLayout.State.FinalThrough, "2026-09");
        await redis.HashSetAsync(EngagementLayout.FinalMonths(ns), "2026-09", 1);
        await redis.HashSetAsync(EngagementLayout.OpenMonths(ns), "2026-10", 1);
        await redis.HashSetAsync(EngagementLayout.LateFacts(ns), "2026-09", 4);
        await redis.SetAddAsync(EngagementLayout.Territories(ns, September), "US");
        await redis.SetAddAsync(EngagementLayout.Territories(ns, October), ["US", "FR"]);
        await redis.HashSetAsync(EngagementLayout.Legacy.Prime(ns, September, "US"), "title:t1", "3 600000");
        await redis.HashSetAsync(EngagementLayout.Legacy.Offers(ns, September, "US"), [new("title:t1|prime|s", 5), new("title:t1|prime|m", 600_000)]);
        await redis.HashSetAsync(EngagementLayout.Legacy.Prime(ns, October, "US"), "title:t1", "1 60000");
        await redis.HashSetAsync(EngagementLayout.Legacy.Offers(ns, October, "US"), [new("title:t1|prime|s", 1), new("title:t1|prime|m", 60_000)]);
        await redis.HashSetAsync(EngagementLayout.Legacy.Customers(ns, October, "US"), EngagementLayout.CustomerField("title:t1", "c1"), 1);
        await redis.HashSetAsync(EngagementLayout.Legacy.Prime(ns, October, "FR"), "title:t2", "1 45000");
        await redis.HashSetAsync(EngagementLayout.Legacy.Customers(ns, October, "FR"), EngagementLayout.CustomerField("title:t2", "c3"), 1);
    }

    [Fact]
    public async Task A_namespace_in_the_old_layout_reads_and_counts_the_same_after_the_migration()
    {
        using var engagement = new EngagementHarness(deps, "migrate");
        await WriteOldLayoutAsync(engagement.Redis, engagement.Prefix);

        // Two processes start at once: one moves the three territory-months, the other waits for it.
        var migration = new LayoutMigration(deps.Redis);
        var moved = await Task.WhenAll(migration.RunAsync(engagement.Prefix), new LayoutMigration(deps.Redis).RunAsync(engagement.Prefix));
        Assert.Equal(3, moved.Sum());
        Assert.Equal(0, await migration.RunAsync(engagement.Prefix));

        Assert.Equal(new() { ["title:t1"] = (3, 600_000) }, await engagement.PrimeAsync("2026-09"));
        Assert.Equal(new() { ["title:t1|prime|s"] = 5, ["title:t1|prime|m"] = 600_000 }, await engagement.OffersAsync("2026-09"));
        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t2"] = (1, 45_000) }, await engagement.PrimeAsync("2026-10", "FR"));
        foreach (var key in new[]
        {
            EngagementLayout.Legacy.Prime(engagement.Prefix, September, "US"), EngagementLayout.Legacy.Offers(engagement.Prefix, September, "US"),
            EngagementLayout.Legacy.Prime(engagement.Prefix, October, "US"), EngagementLayout.Legacy.Offers(engagement.Prefix, October, "US"),
            EngagementLayout.Legacy.Customers(engagement.Prefix, October, "US"), EngagementLayout.Legacy.Prime(engagement.Prefix, October, "FR"),
            EngagementLayout.Legacy.Customers(engagement.Prefix, October, "FR"),
        })
        {
            Assert.False(await engagement.Redis.KeyExistsAsync(key), key);
        }

        // c1 again in October (counted once: the customer detail moved), c3 again in France, c9 in final September (late).
        var after = await engagement.ApplyAsync(Batch(
            Fact("c1", "t1", "2026-10-20T10", 1, 10_000), Fact("c3", "t2", "2026-10-21T10", 1, 5_000, marketplace: "FR"),
            Fact("c9", "t1", "2026-09-20T10", 1, 99_000)));
        Assert.Equal((2L, 1L), (after.FactsApplied, after.FactsIgnoredFinal));
        Assert.Equal(new() { ["title:t1"] = (1, 70_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t2"] = (1, 50_000) }, await engagement.PrimeAsync("2026-10", "FR"));
        Assert.Equal(new() { ["title:t1"] = (3, 600_000) }, await engagement.PrimeAsync("2026-09"));
        Assert.Equal(5, await engagement.LateAsync("2026-09"));
    }

    /// <summary>A slot the old final month had is closed even when a fact reaches it through a plan made before the upgrade.</summary>
    [Fact]
    public async Task The_slots_of_a_month_final_before_the_migration_are_closed()
    {
        using var engagement = new EngagementHarness(deps, "migrate-final");
        await WriteOldLayoutAsync(engagement.Redis, engagement.Prefix);
        await new LayoutMigration(deps.Redis).RunAsync(engagement.Prefix);

        Assert.Equal("1", (string?)await engagement.Redis.HashGetAsync(EngagementLayout.SlotStatus(engagement.Prefix, September, "US"), "final"));
        Assert.False(await engagement.Redis.KeyExistsAsync(EngagementLayout.SlotStatus(engagement.Prefix, October, "US")));
    }
}
