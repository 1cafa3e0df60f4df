using Streaming.EngagementRanking.Storage;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// A facts message is applied in steps, each in one Redis slot: the control slot's plan, one step per month × territory
/// slot, the control slot's finish. A process that dies between two steps leaves the message unacknowledged; its
/// redelivery must end with every fact counted once, or counted late once, and the stats counting one message.
/// The message: c1 and c2 watch t1 in the US (2 facts), c3 watches t2 in France (1 fact), all in October 2026.
/// </summary>
public sealed class SplitApplyCrashTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly DateTimeOffset OctoberDeadline = DateTimeOffset.Parse("2026-11-16T00:00:00Z");

    private static StreamActivityRecorded Message() => Batch(
        Fact("c1", "t1", "2026-10-05T10", 1, 60_000), Fact("c2", "t1", "2026-10-06T10", 2, 30_000),
        Fact("c3", "t2", "2026-10-07T10", 1, 45_000, marketplace: "FR"));

    private static async Task AssertCountedOnceAsync(EngagementHarness engagement)
    {
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t2"] = (1, 45_000) }, await engagement.PrimeAsync("2026-10", "FR"));
        Assert.Equal(new() { ["title:t1|prime|s"] = 3, ["title:t1|prime|m"] = 90_000 }, await engagement.OffersAsync("2026-10"));
        Assert.Equal(1, await engagement.StatAsync(EngagementLayout.State.Messages));
        Assert.Equal(3, await engagement.StatAsync(EngagementLayout.State.FactsApplied));
        Assert.Equal(0, await engagement.StatAsync(EngagementLayout.State.FactsIgnoredFinal));
    }

    /// <summary>Runs the first <paramref name="slots"/> slot steps after the plan, as a process that then died.</summary>
    private static async Task CrashAfterAsync(EngagementHarness engagement, StreamActivityRecorded message, int slots)
    {
        var commit = engagement.Commit(message);
        var plan = Assert.IsType<FactsPlan>(await engagement.Store.RegisterAsync(commit));
        foreach (var group in commit.Digest.Groups.Take(slots))
        {
            await engagement.Store.ApplySlotAsync(commit, group, plan.Months[group.Month.ToString()]!.Value);
        }
    }

    [Theory]
    [InlineData(0)] // after the plan
    [InlineData(1)] // after one of the two slots (France: the groups go in territory order)
    [InlineData(2)] // after both slots, before the finish
    public async Task A_redelivery_after_a_crash_between_steps_counts_every_fact_once(int slotsDone)
    {
        using var engagement = new EngagementHarness(deps, "crash-" + slotsDone);
        var message = Message();
        await CrashAfterAsync(engagement, message, slotsDone);

        var redelivery = await engagement.ApplyAsync(message);
        Assert.Equal((false, 3L, 0L), (redelivery.AlreadyApplied, redelivery.FactsApplied, redelivery.FactsIgnoredFinal));
        Assert.True((await engagement.ApplyAsync(message)).AlreadyApplied);
        await AssertCountedOnceAsync(engagement);
        Assert.Equal(1, await engagement.StatAsync(EngagementLayout.State.Duplicates));
    }

    [Fact]
    public async Task A_crash_after_the_finish_is_a_repeat_that_changes_nothing()
    {
        using var engagement = new EngagementHarness(deps, "crash-done");
        var message = Message();
        await engagement.ApplyAsync(message);
        Assert.True((await engagement.ApplyAsync(message)).AlreadyApplied);
        await AssertCountedOnceAsync(engagement);
    }

    /// <summary>
    /// The US share was applied, then the process died; October closed before the redelivery. The US facts stay
    /// counted (before the month was final), the French one is late (its slot was closed first): never both, never lost.
    /// </summary>
    [Fact]
    public async Task A_month_closed_between_a_crash_and_the_redelivery_keeps_what_was_applied_and_counts_the_rest_late()
    {
        using var engagement = new EngagementHarness(deps, "crash-close");
        var message = Message();
        var commit = engagement.Commit(message);
        var plan = Assert.IsType<FactsPlan>(await engagement.Store.RegisterAsync(commit));
        var us = commit.Digest.Groups.Single(g => g.Territory == "US");
        await engagement.Store.ApplySlotAsync(commit, us, plan.Months["2026-10"]!.Value);

        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        await engagement.CaughtUpAsync(0, OctoberDeadline.AddMinutes(1));
        await engagement.CaughtUpAsync(1, OctoberDeadline.AddMinutes(1));
        await engagement.CheckAsync();
        Assert.Equal(["2026-10"], await engagement.CheckAsync());

        var redelivery = await engagement.ApplyAsync(message);
        Assert.Equal((2L, 1L), (redelivery.FactsApplied, redelivery.FactsIgnoredFinal));
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Empty(await engagement.PrimeAsync("2026-10", "FR"));
        Assert.Equal(1, await engagement.LateAsync("2026-10"));
        Assert.Equal(2, await engagement.StatAsync(EngagementLayout.State.FactsApplied));
        Assert.Equal(3, await engagement.StatAsync(EngagementLayout.State.Messages)); // the message once, and the two progress answers
        Assert.Equal(1, await engagement.StatAsync(EngagementLayout.State.FactsIgnoredFinal));
    }
}
