using Streaming.PartitionedState.Layouts;
using Streaming.TestSupport.Hostile;

namespace Streaming.Gateway.Tests.Hostile;

/// <summary>
/// Thousands of generated queries (TestSupport/Hostile) against one gateway in memory on real Redis, its clock held at
/// noon on 20 March 2026, with counters on 10 March only. Each must get 400 problem+json naming exactly the refused
/// parameters, or 200 in the right media type, and a performance query the totals of its filters, within 10 s.
/// </summary>
public sealed class HostileGatewayTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const int Requests = 4_500;
    private static readonly DateOnly DataDay = new(2026, 3, 10);
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The counters: one UTC day, two partitions, three titles (one of them not ASCII).</summary>
    private static readonly (int Partition, string Title, int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams)[] Cells =
    [
        (0, "a", 8, "prime", "US", 90_000, 1), (0, "a", 40, "prime", "DE", 30_000, 1), (1, "a", 40, "tvod", "US", 45_000, 2),
        (1, "b", 16, "avod", "US", 600_000, 1), (1, "中文", 60, "channel", "JP", 15_000, 1),
    ];

    [Fact]
    public async Task Every_generated_query_gets_a_problem_naming_its_refused_parameters_or_its_exact_answer()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("hostile"), clock: new FakeTimeProvider(Now));
        await WriteCellsAsync(app);
        var client = app.CreateClient();
        var world = new GatewayWorld(DateOnly.FromDateTime(Now.UtcDateTime), DataDay);

        var failures = await HostileRun.SendAsync(GatewayCases.Any(world), Requests, parallel: 4, TimeSpan.FromSeconds(10), async (c, _, token) =>
        {
            using var response = await client.GetAsync(c.Path, HttpCompletionOption.ResponseHeadersRead, token);
            return await GatewayAnswerCheck.CheckAsync(c, response, Totals);
        }, c => $"{c.Note}: GET {Answers.Excerpt(c.Path)}");

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} answers were wrong:\n" + string.Join("\n", failures.Take(20)));
    }

    private static (decimal Minutes, long Streams) Totals(PerformanceFilter filter)
    {
        var counted = Cells.Where(c => filter.IncludesDataDay &&
            (filter.TitleIds.Count == 0 || filter.TitleIds.Contains(c.Title)) &&
            (filter.Offers.Count == 0 || filter.Offers.Contains(c.Offer)) &&
            (filter.Marketplaces.Count == 0 || filter.Marketplaces.Contains(c.Marketplace))).ToList();
        return (counted.Sum(c => c.WatchedMs) / 60_000m, counted.Sum(c => c.Streams));
    }

    private static async Task WriteCellsAsync(GatewayApp app)
    {
        foreach (var partition in Cells.GroupBy(c => c.Partition))
        {
            await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, partition.Key, DataDay),
                [.. partition.Select(c => (c.Quarter, c.Offer, c.Marketplace, c.WatchedMs, c.Streams))]);
            foreach (var title in partition.GroupBy(c => c.Title))
            {
                await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(app.Prefix, partition.Key, title.Key, DataDay),
                    [.. title.Select(c => (c.Quarter, c.Offer, c.Marketplace, c.WatchedMs, c.Streams))]);
            }
            await app.WriteTitlesAsync(partition.Key, [.. partition.GroupBy(c => c.Title).Select(t => (t.Key, t.Sum(c => c.WatchedMs), t.Sum(c => c.Streams)))]);
        }
    }
}
