
namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A month is final once the watermark (start of the newest fact hour) reaches its end plus the allowed lateness
/// (60 min here); then it never changes: later facts for it are ignored and counted.
/// </summary>
public sealed class FinalityTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task A_final_month_ignores_late_facts_and_never_changes()
    {
        using var engagement = new EngagementHarness(deps, "final");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));
        await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-11-01T00", 1, 60_000)));  // watermark 00:00: not yet
        await engagement.ApplyAsync(Batch(Fact("c3", "t1", "2026-10-31T22", 1, 30_000)));  // still counts
        Assert.False(await engagement.IsFinalAsync("2026-10"));

        var closing = await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-11-01T01", 0, 60_000)));

        Assert.Equal(["2026-10"], closing.MonthsClosed);
        Assert.True(await engagement.IsFinalAsync("2026-10"));
        var october = new Dictionary<string, (long, long)> { ["title:t1"] = (2, 90_000) };
        Assert.Equal(october, await engagement.PrimeAsync("2026-10"));
        Assert.Empty(await engagement.CustomersAsync("2026-10")); // the customer detail is no longer needed

        var late = await engagement.ApplyAsync(Batch(Fact("c4", "t1", "2026-10-31T23", 1, 60_000), Fact("c4", "t1", "2026-11-01T01", 0, 1_000)));

        Assert.Equal((1, 1), (late.FactsIgnoredFinal, late.FactsApplied));
        Assert.Equal(october, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t1|prime|s"] = 2, ["title:t1|prime|m"] = 90_000 }, await engagement.OffersAsync("2026-10"));
        Assert.Equal(1, await engagement.StatAsync(EngagementLayout.State.FactsIgnoredFinal));
    }

    [Fact]
    public async Task The_message_that_closes_a_month_still_applies_its_own_facts_of_that_month()
    {
        using var engagement = new EngagementHarness(deps, "closing");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-15T12", 1, 60_000)));

        var outcome = await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-10-31T23", 1, 60_000), Fact("c3", "t1", "2026-11-01T05", 1, 60_000)));

        Assert.Equal((2, 0), (outcome.FactsApplied, outcome.FactsIgnoredFinal));
        Assert.Equal(["2026-10"], outcome.MonthsClosed);
        Assert.Equal(new() { ["title:t1"] = (2, 120_000) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task A_month_without_facts_that_the_watermark_has_passed_takes_none()
    {
        using var engagement = new EngagementHarness(deps, "passed");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-11-02T10", 1, 60_000)));

        var late = await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-09-30T23", 1, 60_000)));

        Assert.Equal(1, late.FactsIgnoredFinal);
        Assert.Empty(await engagement.PrimeAsync("2026-09"));
    }

    [Fact]
    public async Task With_no_lateness_the_first_hour_of_the_next_month_closes_it()
    {
        using var engagement = new EngagementHarness(deps, "nolateness", allowedLateness: TimeSpan.Zero);
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));

        var outcome = await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-11-01T00", 0, 60_000)));

        Assert.Equal(["2026-10"], outcome.MonthsClosed);
        Assert.Equal(Hour("2026-11-01T00").ToUnixTimeMilliseconds(), outcome.WatermarkMs);
    }
}
