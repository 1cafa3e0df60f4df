
namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// Distinct customers per unit, month and territory, against the real Redis script: a customer counts while the net
/// of their prime stream deltas there is positive, whatever order corrections arrive in, and a repeated batch counts
/// nothing.
/// </summary>
public sealed class DistinctCustomerTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task A_customer_counts_once_per_unit_however_many_streams()
    {
        using var engagement = new EngagementHarness(deps, "distinct");

        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-05T10", 2, 120_000), Fact("c2", "t1", "2026-10-05T11", 1, 60_000)));
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-05T12", 1, 30_000)));

        Assert.Equal(new() { ["title:t1"] = (2, 210_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t1\u001fc1"] = 3, ["title:t1\u001fc2"] = 1 }, await engagement.CustomersAsync("2026-10"));
    }

    [Fact]
    public async Task A_correction_that_arrives_before_what_it_corrects_counts_the_customer_only_once_the_net_is_positive()
    {
        using var engagement = new EngagementHarness(deps, "negative");
        // Published in this order: c1 opened two streams and c2 one; then a late event joined c1's two streams into
        // one (-1 stream, +20 s of gap time). The second batch is applied first, as after an outbox republication.
        var first = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000), Fact("c1", "t1", "2026-10-05T11", 1, 60_000),
            Fact("c2", "t1", "2026-10-05T10", 1, 30_000));
        var correction = Batch(Fact("c1", "t1", "2026-10-05T11", -1, 20_000));

        await engagement.ApplyAsync(correction);
        Assert.Equal(new() { ["title:t1"] = (0, 20_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t1\u001fc1"] = -1 }, await engagement.CustomersAsync("2026-10"));

        await engagement.ApplyAsync(first);
        Assert.Equal(new() { ["title:t1"] = (2, 170_000) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task A_stream_moved_into_the_previous_month_by_a_late_play_moves_its_customer_too()
    {
        using var engagement = new EngagementHarness(deps, "moved");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-11-01T00", 1, 600_000)));

        // A late play at 23:55 opens the stream in October: its time before midnight moves with it.
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-11-01T00", -1, -300_000), Fact("c1", "t1", "2026-10-31T23", 1, 300_000)));

        Assert.Equal(new() { ["title:t1"] = (1, 300_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new() { ["title:t1"] = (0, 300_000) }, await engagement.PrimeAsync("2026-11"));
        Assert.Empty(await engagement.CustomersAsync("2026-11"));
    }

    [Fact]
    public async Task A_customer_whose_only_stream_is_withdrawn_stops_counting()
    {
        using var engagement = new EngagementHarness(deps, "withdrawn");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000), Fact("c2", "t1", "2026-10-05T10", 1, 60_000)));

        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-05T10", -1, -60_000)));

        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task A_repeated_batch_changes_nothing_and_is_counted_as_a_duplicate()
    {
        using var engagement = new EngagementHarness(deps, "repeat");
        var batch = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000), Fact("c2", "t1", "2026-10-05T10", 1, 90_000, offer: "tvod"));
        await engagement.ApplyAsync(batch);

        var again = await engagement.ApplyAsync(batch with { Items = [.. batch.Items] });

        Assert.True(again.AlreadyApplied);
        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10"));
        Assert.Equal(new()
        {
            ["title:t1|prime|s"] = 1, ["title:t1|prime|m"] = 60_000, ["title:t1|tvod|s"] = 1, ["title:t1|tvod|m"] = 90_000,
        }, await engagement.OffersAsync("2026-10"));
        Assert.Equal(1, await engagement.StatAsync(EngagementLayout.State.Messages));
        Assert.Equal(1, await engagement.StatAsync(EngagementLayout.State.Duplicates));
        Assert.Equal(2, await engagement.StatAsync(EngagementLayout.State.FactsApplied));
    }

    [Fact]
    public async Task Large_totals_stay_exact_to_the_millisecond()
    {
        using var engagement = new EngagementHarness(deps, "large");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2026-10-05T10", 1, 4_000_000_000_000)));

        await engagement.ApplyAsync(Batch(Fact("c2", "t1", "2026-10-05T10", 1, 123)));

        Assert.Equal(new() { ["title:t1"] = (2, 4_000_000_000_123) }, await engagement.PrimeAsync("2026-10"));
    }

    [Fact]
    public async Task Episodes_of_a_season_are_ranked_together_against_a_title()
    {
        using var engagement = new EngagementHarness(deps, "season");
        await engagement.ApplyAsync(Batch(
            Fact("c1", "ep-1", "2026-10-05T20", 1, 1_800_000, season: "s1"),
            Fact("c2", "ep-2", "2026-10-05T20", 1, 600_000, season: "s1"),
            Fact("c3", "movie", "2026-10-05T20", 1, 7_200_000)));

        var prime = await engagement.PrimeAsync("2026-10");
        // The season has two customers (one per episode) against the movie's one: it ranks first despite fewer minutes.
        Assert.Equal(new() { ["season:s1"] = (2, 2_400_000), ["title:movie"] = (1, 7_200_000) }, prime);
        var ranked = CerRanking.Rank(prime.Select(u => new PrimeUnit("", u.Key, u.Value.Customers, u.Value.WatchedMs)), withCer: true);
        Assert.Equal([("season:s1", 100), ("title:movie", 0)], ranked.Select(r => (r.Unit.Id, r.Cer!.Value)));
    }

    [Fact]
    public async Task Territories_are_kept_apart_and_other_offers_do_not_make_customers()
    {
        using var engagement = new EngagementHarness(deps, "territories");
        await engagement.ApplyAsync(Batch(
            Fact("c1", "t1", "2026-10-05T20", 1, 60_000),
            Fact("c1", "t1", "2026-10-05T20", 1, 60_000, marketplace: "FR"),
            Fact("c2", "t1", "2026-10-05T20", 1, 60_000, offer: "avod")));

        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10", "US"));
        Assert.Equal(new() { ["title:t1"] = (1, 60_000) }, await engagement.PrimeAsync("2026-10", "FR"));
        Assert.Equal(["FR", "US"], (await engagement.Redis.SetMembersAsync(EngagementLayout.Territories(engagement.Prefix, new UtcMonth(2026, 10))))
            .Select(t => (string)t!).Order(StringComparer.Ordinal));
    }
}
