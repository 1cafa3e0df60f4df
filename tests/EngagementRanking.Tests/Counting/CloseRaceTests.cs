using Streaming.EngagementRanking.Storage;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A close and a reset go through the month's territory slots one by one while facts keep arriving. Each step is run
/// by hand here, with a facts message's slot step placed at every point between them: its facts are counted before
/// the month is final or counted late, never both and never lost, and a final month's counters never change.
/// October 2026 has c1's stream of t1 in the US (1 customer, 60 s) when the close starts; the racing message brings
/// c2's (1 stream, 30 s).
/// </summary>
public sealed class CloseRaceTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly DateTimeOffset OctoberDeadline = DateTimeOffset.Parse("2026-11-16T00:00:00Z");
    private static readonly UtcMonth October = new(2026, 10);

    private static async Task<EngagementHarness> OctoberWithC1Async(RealDependencies deps, string hint)
    {
        var engagement = new EngagementHarness(deps, hint);
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));
        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        return engagement;
    }

    private static Task<IReadOnlyList<(UtcMonth Month, long Generation)>> StartClosingAsync(EngagementHarness engagement) =>
        engagement.Months.StartClosingAsync(engagement.Prefix, MonthFinality.FinalThrough(engagement.Clock.GetUtcNow(), TimeSpan.FromDays(15)),
            October, OctoberDeadline.AddMinutes(1));

    /// <param name="slotStepAt">0: before the close starts; 1: after it marked the month closing; 2: after it closed the
    /// slots; 3: after the month is final. The message registered its territory before the close started.</param>
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public async Task A_fact_registered_before_a_close_is_counted_before_the_month_is_final_or_late_never_both(int slotStepAt, bool counted)
    {
        using var engagement = await OctoberWithC1Async(deps, "race-" + slotStepAt);
        var racing = engagement.Commit(Batch(Fact("c2", "t1", "2026-10-31T22", 1, 30_000)));
        var plan = Assert.IsType<FactsPlan>(await engagement.Store.RegisterAsync(racing));
        var group = Assert.Single(racing.Digest.Groups);
        Task<(string Outcome, long Facts, string Month)> SlotStep() => engagement.Store.ApplySlotAsync(racing, group, plan.Months["2026-10"]!.Value);

        (string Outcome, long Facts, string Month)? step = null;
        if (slotStepAt == 0) step = await SlotStep();
        var closing = await StartClosingAsync(engagement);
        Assert.Equal(new[] { (October, 0L) }, closing);
        Assert.False(await engagement.IsFinalAsync("2026-10"));
        // A message registered from now on is turned away by the control slot: late.
        var afterStart = await engagement.ApplyAsync(Batch(Fact("c3", "t1", "2026-10-30T10", 1, 5_000)));
        Assert.Equal((0L, 1L), (afterStart.FactsApplied, afterStart.FactsIgnoredFinal));
        if (slotStepAt == 1) step = await SlotStep();
        await engagement.Months.CloseSlotsAsync(engagement.Prefix, October, 0);
        if (slotStepAt == 2) step = await SlotStep();
        Assert.Equal(["2026-10"], await engagement.Months.FinishClosingAsync(engagement.Prefix, closing, engagement.Clock.GetUtcNow()));
        var finalPrime = await engagement.PrimeAsync("2026-10");
        if (slotStepAt == 3) step = await SlotStep();

        Assert.Equal((counted ? "applied" : "late", 1L), (step!.Value.Outcome, step.Value.Facts));
        // The redelivery of the racing message (its slot step is recorded) and its finish: the same answer, once.
        var finished = await engagement.Store.ApplyAsync(racing);
        Assert.Equal((counted ? 1L : 0L, counted ? 0L : 1L), (finished.FactsApplied, finished.FactsIgnoredFinal));
        Assert.Equal(counted ? new() { ["title:t1"] = (2, 90_000) } : new Dictionary<string, (long, long)> { ["title:t1"] = (1, 60_000) },
            await engagement.PrimeAsync("2026-10"));
        Assert.Equal(finalPrime, await engagement.PrimeAsync("2026-10")); // final: never changes
        Assert.Equal(counted ? 1 : 2, await engagement.LateAsync("2026-10"));
        Assert.Equal(counted ? 2 : 1, await engagement.StatAsync(EngagementLayout.State.FactsApplied));
    }

    [Fact]
    public async Task A_check_that_stopped_midway_is_finished_by_the_next_and_the_month_takes_no_facts_meanwhile()
    {
        using var engagement = await OctoberWithC1Async(deps, "race-resume");
        await StartClosingAsync(engagement); // the check died after marking the month closing

        var meanwhile = await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-10-31T22", 1, 30_000)));
        Assert.Equal((0L, 1L), (meanwhile.FactsApplied, meanwhile.FactsIgnoredFinal));
        Assert.False(await engagement.IsFinalAsync("2026-10"));

        await engagement.CaughtUpAsync(0, OctoberDeadline.AddMinutes(1));
        await engagement.CaughtUpAsync(1, OctoberDeadline.AddMinutes(1));
        Assert.Equal(["2026-10"], await engagement.CheckAsync()); // it finishes what was left closing, without waiting for the progress
        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Empty(await engagement.CustomersAsync("2026-10"));
    }

    /// <summary>
    /// A message registered before an operator's reset has its slot step after it: it belongs to the counters the reset
    /// deleted (the import brings them again), so it is late, not counted into the import.
    /// </summary>
    [Fact]
    public async Task A_fact_registered_before_a_reset_is_late_and_the_import_counts_alone()
    {
        using var engagement = await OctoberWithC1Async(deps, "race-reset");
        var racing = engagement.Commit(Batch(Fact("c2", "t1", "2026-10-31T22", 1, 30_000)));
        var plan = Assert.IsType<FactsPlan>(await engagement.Store.RegisterAsync(racing));

        Assert.Equal(ReopenOutcome.Reopened, await engagement.ReopenAsync("2026-10", reset: true));
        var late = await engagement.Store.ApplyAsync(racing);
        Assert.Equal((0L, 1L), (late.FactsApplied, late.FactsIgnoredFinal));
        Assert.Equal(0L, plan.Months["2026-10"]);

        var import = await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000), Fact("c4", "t1", "2026-10-31T23", 1, 10_000)));
        Assert.Equal(2, import.FactsApplied);
        Assert.Equal(new() { ["title:t1"] = (2, 70_000) }, await engagement.PrimeAsync("2026-10"));
    }

    /// <summary>
    /// A reset of the current month (November 2026, not final by any clock) that stopped after its first step leaves the
    /// month closing: facts are late until the operator runs the reset again, never counted into slots half reset.
    /// </summary>
    [Fact]
    public async Task A_reset_that_stopped_midway_turns_facts_away_until_it_is_run_again()
    {
        using var engagement = new EngagementHarness(deps, "race-reset-midway");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-11-01T10", 1, 60_000)));
        await engagement.Redis.HashSetAsync(EngagementLayout.ClosingMonths(engagement.Prefix), "2026-11", "reset"); // as reopen-month.lua leaves it

        var meanwhile = await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-11-01T11", 1, 30_000)));
        Assert.Equal((0L, 1L), (meanwhile.FactsApplied, meanwhile.FactsIgnoredFinal));
        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-11"));

        Assert.Equal(ReopenOutcome.Reopened, await engagement.ReopenAsync("2026-11", reset: true));
        var import = await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-11-01T11", 1, 30_000)));
        Assert.Equal(1, import.FactsApplied);
        Assert.Equal(new() { ["title:t1"] = (1, 30_000) }, await engagement.PrimeAsync("2026-11"));
    }
}
