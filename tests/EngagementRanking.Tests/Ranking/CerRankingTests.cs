namespace Streaming.EngagementRanking.Tests.Ranking;

/// <summary>CER = floor(100 × B / (N − 1)), B = other units with a strictly lower (customers, minutes) score.</summary>
public sealed class CerRankingTests
{
    private static int[] Rank(params (long Customers, long WatchedMs)[] scores) =>
        CerRanking.Rank(scores.Select(s => new EngagementScore(s.Customers, s.WatchedMs)).ToList());

    [Fact]
    public void A_lone_unit_has_CER_100()
    {
        Assert.Equal([100], Rank((1, 60_000)));
    }

    [Fact]
    public void No_units_no_ranks()
    {
        Assert.Empty(Rank());
    }

    [Fact]
    public void Of_two_units_the_better_has_100_and_the_other_0()
    {
        Assert.Equal([0, 100], Rank((1, 600_000), (2, 60_000)));
    }

    [Fact]
    public void Two_tied_units_both_have_0_because_neither_beats_the_other()
    {
        Assert.Equal([0, 0], Rank((2, 60_000), (2, 60_000)));
    }

    [Fact]
    public void Minutes_break_a_tie_in_customers_to_the_millisecond()
    {
        Assert.Equal([100, 0], Rank((2, 60_001), (2, 60_000)));
    }

    [Fact]
    public void Customers_come_first_whatever_the_minutes()
    {
        // Ascending: E(1, 0) < C(2, 900,000) < A = B(3, 100) < D(5, 10); N − 1 = 4.
        // B: E 0 → 0; C 1 → 25; A and B 2 each (they share) → 50; D 4 → 100.
        Assert.Equal([50, 50, 25, 100, 0], Rank((3, 100), (3, 100), (2, 900_000), (5, 10), (1, 0)));
    }

    [Fact]
    public void CER_is_rounded_down()
    {
        // N − 1 = 3: 100 × 1 / 3 = 33.3 → 33, 100 × 2 / 3 = 66.7 → 66.
        Assert.Equal([0, 33, 66, 100], Rank((1, 0), (2, 0), (3, 0), (4, 0)));
    }

    [Fact]
    public void All_tied_all_zero()
    {
        Assert.Equal([0, 0, 0], Rank((1, 5), (1, 5), (1, 5)));
    }

    [Fact]
    public void Tie_below_the_top_shares_the_rank_and_the_next_unit_counts_both()
    {
        // Ascending: (1,0) < (2,0) = (2,0) < (3,0); N − 1 = 3. B: 0, 1, 1, 3 → 0, 33, 33, 100.
        Assert.Equal([33, 100, 0, 33], Rank((2, 0), (3, 0), (1, 0), (2, 0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Agrees_with_the_definition_counted_pair_by_pair(int seed)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, 2_000).Select(_ => new EngagementScore(random.Next(0, 30), random.Next(0, 5) * 60_000L)).ToList();

        var cers = CerRanking.Rank(scores);

        for (var i = 0; i < scores.Count; i++)
        {
            var lower = scores.Count(other => other.CompareTo(scores[i]) < 0);
            Assert.Equal(100 * lower / (scores.Count - 1), cers[i]);
        }
    }

    [Fact]
    public void Ranking_100000_units_gives_each_a_CER_and_the_best_100()
    {
        // Its speed is the ranking benchmark's to measure (bench/LoadGen/Benchmark/Ranking), not a unit test's.
        var random = new Random(7);
        var scores = Enumerable.Range(0, 100_000).Select(_ => new EngagementScore(random.Next(0, 10_000), random.NextInt64(0, 1L << 40))).ToList();

        var cers = CerRanking.Rank(scores);

        Assert.Equal(100_000, cers.Length);
        Assert.Equal(100, cers[scores.IndexOf(scores.Max())]);
    }
}
