
namespace Streaming.Gateway.Tests.Engagement;

/// <summary>CER = floor(100 × B / (N − 1)), B = other units with a strictly lower (customers, minutes) score.</summary>
public sealed class CerRankingTests
{
    /// <summary>The CER of each score, in the order given (unit i is "u{i}").</summary>
    private static int[] Rank(params (long Customers, long WatchedMs)[] scores)
    {
        var cers = CerRanking.Rank(scores.Select((s, i) => new PrimeUnit("title", $"u{i}", s.Customers, s.WatchedMs)), withCer: true)
            .ToDictionary(r => r.Unit.Id, r => r.Cer!.Value);
        return [.. scores.Select((_, i) => cers[$"u{i}"])];
    }

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

    [Fact]
    public void Units_with_neither_customers_nor_minutes_are_not_ranked_nor_counted()
    {
        // N = 2 without the empty unit: the better has 100, the other 0 (not 50).
        var answer = CerRanking.Rank([new("title", "a", 1, 0), new("title", "empty", 0, 0), new("title", "b", 2, 0)], withCer: true);

        Assert.Equal([("b", 100), ("a", 0)], answer.Select(r => (r.Unit.Id, r.Cer!.Value)));
    }

    [Fact]
    public void Without_CER_the_units_keep_the_answer_order_and_have_none()
    {
        var answer = CerRanking.Rank([new("title", "a", 1, 0), new("season", "a", 2, 0), new("title", "b", 2, 0)], withCer: false);

        Assert.Equal([("season", "a", null), ("title", "b", null), ("title", "a", null)], answer.Select(r => (r.Unit.Kind, r.Unit.Id, r.Cer)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Agrees_with_the_definition_counted_pair_by_pair_in_answer_order(int seed)
    {
        var random = new Random(seed);
        var units = Enumerable.Range(0, 2_000)
            .Select(_ => new PrimeUnit(random.Next(2) == 0 ? "title" : "season", $"u{random.Next(1_000)}", random.Next(0, 30), random.Next(0, 5) * 60_000L))
            .ToList();
        var ranked = units.Where(u => u.DistinctCustomers > 0 || u.WatchedMs > 0).ToList();

        var answer = CerRanking.Rank(units, withCer: true);

        Assert.Equal(ranked.Count, answer.Count);
        Assert.All(answer, r =>
            Assert.Equal(100 * ranked.Count(other => other.Score.CompareTo(r.Unit.Score) < 0) / (ranked.Count - 1), r.Cer));
        Assert.All(answer.Zip(answer.Skip(1)), pair =>
            Assert.True(pair.First.Cer > pair.Second.Cer || pair.First.Cer == pair.Second.Cer && pair.First.Unit.Score.CompareTo(pair.Second.Unit.Score) >= 0));
    }
}
