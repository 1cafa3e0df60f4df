namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// The version of a slot's prime counters (<see cref="EngagementLayout.SlotVersionField"/>), which the gateway keeps a
/// ranking for: it changes with every message counted in the slot and with a reset, and never otherwise.
/// </summary>
public sealed class SlotVersionTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly DateTimeOffset OctoberDeadline = DateTimeOffset.Parse("2026-11-16T00:00:00Z");

    private static async Task<string?> VersionAsync(EngagementHarness engagement, string territory = "US") =>
        await engagement.Redis.HashGetAsync(
            EngagementLayout.SlotStatus(engagement.Prefix, EngagementHarness.Month("2026-10"), territory), EngagementLayout.SlotVersionField);

    private static string MarkerOf(EngagementHarness engagement, StreamActivityRecorded message, string territory = "US") =>
        EngagementLayout.SlotMarker(engagement.Prefix, EngagementHarness.Month("2026-10"), territory, message.BatchId);

    [Fact]
    public async Task Each_message_counted_in_a_slot_gives_it_a_new_version_and_a_repeat_or_a_late_fact_does_not()
    {
        using var engagement = new EngagementHarness(deps, "slotver");
        Assert.Null(await VersionAsync(engagement));

        var first = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000));
        await engagement.ApplyAsync(first);
        Assert.Equal(MarkerOf(engagement, first), await VersionAsync(engagement));
        Assert.Null(await VersionAsync(engagement, "FR")); // nothing counted there

        Assert.True((await engagement.ApplyAsync(first)).AlreadyApplied);
        Assert.Equal(MarkerOf(engagement, first), await VersionAsync(engagement));

        var second = Batch(Fact("c2", "t1", "2026-10-06T10", 1, 30_000), Fact("c3", "t2", "2026-10-07T10", 1, 45_000, marketplace: "FR"));
        await engagement.ApplyAsync(second);
        Assert.Equal(MarkerOf(engagement, second), await VersionAsync(engagement));
        Assert.Equal(MarkerOf(engagement, second, "FR"), await VersionAsync(engagement, "FR"));

        // October closes (past its deadline, both partitions caught up): a fact of it is late and changes nothing.
        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        await engagement.CaughtUpAsync(0, OctoberDeadline.AddMinutes(1));
        await engagement.CaughtUpAsync(1, OctoberDeadline.AddMinutes(1));
        await engagement.CheckAsync();
        Assert.Equal(["2026-10"], await engagement.CheckAsync());
        var late = await engagement.ApplyAsync(Batch(Fact("c4", "t1", "2026-10-31T23", 1, 60_000)));
        Assert.Equal(1, late.FactsIgnoredFinal);
        Assert.Equal(MarkerOf(engagement, second), await VersionAsync(engagement));
        Assert.Equal(new() { ["title:t1"] = (2, 90_000) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task A_reset_gives_the_slot_a_version_it_never_had()
    {
        using var engagement = new EngagementHarness(deps, "slotreset");
        var counted = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000));
        await engagement.ApplyAsync(counted);
        engagement.Clock.SetUtcNow(OctoberDeadline.AddMinutes(2));
        await engagement.CaughtUpAsync(0, OctoberDeadline.AddMinutes(1));
        await engagement.CaughtUpAsync(1, OctoberDeadline.AddMinutes(1));
        await engagement.CheckAsync();
        Assert.Equal(["2026-10"], await engagement.CheckAsync());

        await engagement.ReopenAsync("2026-10", reset: true);

        var version = await VersionAsync(engagement);
        Assert.NotNull(version);
        Assert.NotEqual(MarkerOf(engagement, counted), version);
        Assert.Empty(await engagement.PrimeAsync("2026-10"));

        var import = Batch(Fact("c2", "t1", "2026-10-06T10", 1, 30_000)); // the reopened month counts again
        await engagement.ApplyAsync(import);
        Assert.Equal(MarkerOf(engagement, import), await VersionAsync(engagement));
        Assert.Equal(new() { ["title:t1"] = (1, 30_000) }, await engagement.PrimeAsync("2026-10"));
    }
}
