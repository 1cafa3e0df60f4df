namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// Random batches of positive and negative deltas, applied in a shuffled order with some batches repeated, leave
/// exactly what a plain reference model of the definition gives: per unit, the customers whose net prime streams are
/// positive, and the sum of watched time.
/// </summary>
public sealed class OutOfOrderProperties(RealDependencies deps) : IClassFixture<RealDependencies>
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Shuffled_and_repeated_batches_give_the_reference_counts(int seed)
    {
        var random = new Random(seed);
        var batches = Enumerable.Range(0, 8).Select(_ => Batch([.. Enumerable.Range(0, random.Next(1, 7)).Select(_ => RandomFact(random))])).ToList();
        var expected = Reference(batches);
        var deliveries = batches.Concat(batches.OrderBy(_ => random.Next()).Take(3)).OrderBy(_ => random.Next()).ToList();

        using var engagement = new EngagementHarness(deps, $"prop{seed}");
        foreach (var batch in deliveries)
        {
            await engagement.ApplyAsync(batch);
        }

        Assert.Equal(expected, await engagement.PrimeAsync("2026-10"));
    }

    private static StreamActivity RandomFact(Random random)
    {
        var title = $"t{random.Next(1, 4)}";
        return Fact($"c{random.Next(1, 5)}", title, $"2026-10-10T{random.Next(10, 14)}", random.Next(-2, 3),
            random.Next(-4, 5) * 30_000L, season: title == "t3" ? "s1" : null, offer: random.Next(4) == 0 ? "tvod" : "prime");
    }

    /// <summary>The definition, summed plainly over every fact of every batch once.</summary>
    private static Dictionary<string, (long Customers, long WatchedMs)> Reference(IEnumerable<StreamActivityRecorded> batches)
    {
        var prime = batches.SelectMany(b => b.Items).Where(f => f.Offer == "prime")
            .Select(f => (Unit: f.SeasonId is null ? $"title:{f.TitleId}" : $"season:{f.SeasonId}", f.CustomerId, f.StreamsDelta, f.WatchedMillisecondsDelta))
            .ToList();
        return prime.GroupBy(f => f.Unit).Select(unit => (
                unit.Key,
                Customers: (long)unit.GroupBy(f => f.CustomerId).Count(c => c.Sum(f => f.StreamsDelta) > 0),
                WatchedMs: unit.Sum(f => f.WatchedMillisecondsDelta)))
            .Where(u => u.Customers != 0 || u.WatchedMs != 0)
            .ToDictionary(u => u.Key, u => (u.Customers, u.WatchedMs));
    }
}
