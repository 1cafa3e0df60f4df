using Streaming.EngagementRanking.Storage;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A month is final once the wall clock has passed its end by the grace (15 days) and every partition (2 here) has
/// caught up past that moment; a check closes with the progress the check before it read. Then the month never
/// changes: later facts are ignored and counted per month, until an operator reopens it.
/// </summary>
public sealed class FinalityTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    /// <summary>October 2026 ends on November 1; plus 15 days.</summary>
    private static readonly DateTimeOffset OctoberDeadline = DateTimeOffset.Parse("2026-11-16T00:00:00Z");

    private static async Task CatchUpAllAsync(EngagementHarness engagement, DateTimeOffset sentAt)
    {
        await engagement.CaughtUpAsync(0, sentAt);
        await engagement.CaughtUpAsync(1, sentAt);
    }

    /// <summary>c1's October stream (1 customer, 60 s), then October closed: past the deadline, both partitions caught up.</summary>
    private static async Task<EngagementHarness> ClosedOctoberAsync(RealDependencies deps, string hint)
    {
        var engagement = new EngagementHarness(deps, hint);
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));
        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        await CatchUpAllAsync(engagement, OctoberDeadline.AddMinutes(1));
        await engagement.CheckAsync();
        Assert.Equal(["2026-10"], await engagement.CheckAsync());
        return engagement;
    }

    [Fact]
    public async Task A_month_stays_open_through_its_grace_even_when_facts_of_later_months_arrive()
    {
        using var engagement = new EngagementHarness(deps, "grace");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));
        await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-11-05T10", 1, 60_000)));
        engagement.Clock.SetUtcNow(OctoberDeadline.AddSeconds(-1));
        await CatchUpAllAsync(engagement, OctoberDeadline.AddSeconds(-1));

        Assert.Empty(await engagement.CheckAsync());
        Assert.Empty(await engagement.CheckAsync()); // with the progress the first one read: one second short

        var late = await engagement.ApplyAsync(Batch(Fact("c3", "t1", "2026-10-31T22", 1, 30_000)));
        Assert.Equal((1, 0), (late.FactsApplied, late.FactsIgnoredFinal));
        Assert.False(await engagement.IsFinalAsync("2026-10"));
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task A_lagging_partition_keeps_its_month_open_past_the_grace_and_it_closes_once_every_partition_caught_up()
    {
        using var engagement = new EngagementHarness(deps, "lagging");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));
        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        await engagement.CaughtUpAsync(0, OctoberDeadline.AddMinutes(1));
        await engagement.CaughtUpAsync(1, OctoberDeadline.AddDays(-6)); // still working through a backlog queued since November 10

        Assert.Empty(await engagement.CheckAsync());
        Assert.Empty(await engagement.CheckAsync());

        // The backlog held October facts: they count, then the partition reaches the probe sent after the deadline.
        var backlog = await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-10-31T23", 1, 30_000)));
        Assert.Equal(1, backlog.FactsApplied);
        await engagement.CaughtUpAsync(1, OctoberDeadline.AddMinutes(1));
        Assert.Empty(await engagement.CheckAsync()); // reads the progress
        Assert.Equal(["2026-10"], await engagement.CheckAsync());

        Assert.True(await engagement.IsFinalAsync("2026-10"));
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Empty(await engagement.CustomersAsync("2026-10")); // the customer detail is no longer needed
    }

    [Fact]
    public async Task Facts_that_arrive_after_the_close_are_ignored_and_counted_per_month()
    {
        using var engagement = await ClosedOctoberAsync(deps, "late");

        var late = await engagement.ApplyAsync(Batch(Fact("c4", "t1", "2026-10-31T23", 1, 60_000), Fact("c4", "t1", "2026-11-01T00", 0, 1_000)));
        var later = await engagement.ApplyAsync(Batch(Fact("c5", "t2", "2026-10-12T08", 1, 5_000, marketplace: "FR"), Fact("c6", "t1", "2026-10-01T00", 1, 2_000)));

        Assert.Equal((1, 1), (late.FactsApplied, late.FactsIgnoredFinal));
        Assert.Equal(new Dictionary<string, long> { ["2026-10"] = 2 }, later.IgnoredByMonth);
        Assert.Equal((3, 0), (await engagement.LateAsync("2026-10"), await engagement.LateAsync("2026-11")));
        Assert.Equal(3, await engagement.StatAsync(EngagementLayout.State.FactsIgnoredFinal));
        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t1|prime|s"] = 1, ["title:t1|prime|m"] = 60_000 }, await engagement.OffersAsync("2026-10"));
        Assert.Empty(await engagement.PrimeAsync("2026-10", "FR"));
    }

    [Fact]
    public async Task A_month_without_facts_that_the_wall_clock_has_passed_takes_none()
    {
        using var engagement = new EngagementHarness(deps, "history");

        // History of September 2025, posted on November 2, 2026 to a new installation.
        var import = await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000), Fact("c2", "t1", "2025-09-20T10", 1, 60_000)));

        Assert.Equal((0, 2), (import.FactsApplied, import.FactsIgnoredFinal));
        Assert.Equal(2, await engagement.LateAsync("2025-09"));
        Assert.Empty(await engagement.PrimeAsync("2025-09"));
        // With nothing queued from before it, the installation takes the wall clock alone: October 18 minus 15 days.
        Assert.Equal("2026-09", (string?)await engagement.Redis.HashGetAsync(EngagementLayout.StateKey(engagement.Prefix), EngagementLayout.State.FinalThrough));
    }

    [Fact]
    public async Task A_reopened_month_counts_its_facts_and_closes_again_once_every_partition_has_processed_what_was_queued()
    {
        using var engagement = new EngagementHarness(deps, "reopen");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000))); // final: ignored

        Assert.Equal(ReopenOutcome.Reopened, await engagement.ReopenAsync("2025-09"));
        var import = await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000), Fact("c2", "t1", "2025-09-20T10", 1, 30_000)));
        await CatchUpAllAsync(engagement, EngagementHarness.Start);
        await engagement.CheckAsync();
        Assert.Empty(await engagement.CheckAsync()); // held open until an operator closes it

        engagement.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await engagement.RequestCloseAsync("2025-09"));
        var queued = await engagement.ApplyAsync(Batch(Fact("c3", "t1", "2025-09-30T23", 1, 15_000))); // posted before the close
        Assert.Empty(await engagement.CheckAsync());
        Assert.Empty(await engagement.CheckAsync()); // the partitions are 5 minutes short of it
        await CatchUpAllAsync(engagement, EngagementHarness.Start.AddMinutes(6));
        Assert.Empty(await engagement.CheckAsync());
        Assert.Equal(["2025-09"], await engagement.CheckAsync());

        var after = await engagement.ApplyAsync(Batch(Fact("c4", "t1", "2025-09-30T23", 1, 15_000)));
        Assert.Equal((2, 1, 0, 1), (import.FactsApplied, queued.FactsApplied, after.FactsApplied, after.FactsIgnoredFinal));
        Assert.Equal(new() { ["title:t1"] = (3, 105_000) }, await engagement.PrimeAsync("2025-09"));
        Assert.Equal(2, await engagement.LateAsync("2025-09")); // the one before the reopen and the one after the close
        Assert.True(await engagement.IsFinalAsync("2025-09"));
    }

    [Fact]
    public async Task Reopening_holds_an_open_month_open_past_its_deadline()
    {
        using var engagement = new EngagementHarness(deps, "hold");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));

        Assert.Equal(ReopenOutcome.Reopened, await engagement.ReopenAsync("2026-10"));
        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        await CatchUpAllAsync(engagement, OctoberDeadline.AddMinutes(1));
        await engagement.CheckAsync();

        Assert.Empty(await engagement.CheckAsync());
        Assert.Equal(1, (await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-10-31T23", 1, 30_000)))).FactsApplied);
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task A_final_month_with_counters_is_reopened_only_with_a_reset_so_no_customer_counts_twice()
    {
        using var engagement = await ClosedOctoberAsync(deps, "reset");

        Assert.Equal(ReopenOutcome.Counted, await engagement.ReopenAsync("2026-10"));
        Assert.True(await engagement.IsFinalAsync("2026-10"));

        Assert.Equal(ReopenOutcome.Reopened, await engagement.ReopenAsync("2026-10", reset: true));
        Assert.Empty(await engagement.PrimeAsync("2026-10"));
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000), Fact("c2", "t1", "2026-10-31T23", 1, 30_000)));
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.False(await engagement.IsFinalAsync("2026-10"));
    }
}
