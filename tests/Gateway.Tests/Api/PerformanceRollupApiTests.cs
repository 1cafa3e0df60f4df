using System.Net.Http.Headers;
using Streaming.PartitionedState.Layouts;
using Streaming.PartitionedState.Storage;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The roll-up path against the quarter-detail path, over HTTP and real Redis. Each test writes, under its own
/// namespace, quarter detail in the layout written before roll-ups existed (no marker), across a month boundary:
/// <code>
/// 1  partition 0, title a, 2026-02-28 23:45Z prime/US  60,000 ms 1 stream
/// 2  partition 0, title a, 2026-03-01 00:00Z prime/US 120,000 ms 1 stream
/// 3  partition 1, title a, 2026-03-01 05:45Z tvod/DE   30,000 ms 2 streams
/// 4  partition 1, title b, 2026-03-15 10:00Z avod/US  600,000 ms 1 stream
/// 5  partition 0, title b, 2026-03-31 23:45Z prime/DE  90,000 ms 1 stream
/// 6  partition 1, title a, 2026-04-01 00:00Z prime/US  45,000 ms 1 stream
/// 7  partition 0, title b, 2026-04-01 05:30Z avod/DE   15,000 ms 1 stream
/// </code>
/// then asks a gateway, runs the backfill (<see cref="PerformanceRollupBackfill"/>) and asks a fresh gateway, which
/// now reads whole UTC days and months from the roll-ups: every answer must be the same, byte for byte.
/// </summary>
public sealed class PerformanceRollupApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static readonly (int Partition, bool B, DateOnly Day, int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams)[] Cells =
    [
        (0, false, new(2026, 2, 28), 95, "prime", "US", 60_000, 1),
        (0, false, new(2026, 3, 1), 0, "prime", "US", 120_000, 1),
        (1, false, new(2026, 3, 1), 23, "tvod", "DE", 30_000, 2),
        (1, true, new(2026, 3, 15), 40, "avod", "US", 600_000, 1),
        (0, true, new(2026, 3, 31), 95, "prime", "DE", 90_000, 1),
        (1, false, new(2026, 4, 1), 0, "prime", "US", 45_000, 1),
        (0, true, new(2026, 4, 1), 22, "avod", "DE", 15_000, 1),
    ];

    private async Task<(string Ns, string A, string B)> SeedAsync(string hint)
    {
        var ns = RealDependencies.NewNamespace(hint);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (a, b) = ($"a|{suffix}", $"b:{suffix}"); // ids holding the roll-up field's and the key's separators
        await using var app = new GatewayApp(dependencies, ns);
        foreach (var c in Cells)
        {
            var cell = (c.Quarter, c.Offer, c.Marketplace, c.WatchedMs, c.Streams);
            await Increment(app, PerformanceCounterLayout.TitleDay(app.Prefix, c.Partition, c.B ? b : a, c.Day), cell);
            await Increment(app, PerformanceCounterLayout.AllDay(app.Prefix, c.Partition, c.Day), cell);
        }
        await app.WriteTitlesAsync(0, (a, 180_000, 2), (b, 105_000, 2));
        await app.WriteTitlesAsync(1, (a, 75_000, 3), (b, 600_000, 1));
        return (ns, a, b);

        static async Task Increment(GatewayApp app, string key, (int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams) c)
        {
            await app.Redis.HashIncrementAsync(key, PerformanceCounterLayout.DayField(c.Quarter, c.Offer, c.Marketplace, PerformanceCounterLayout.WatchedSuffix), c.WatchedMs);
            await app.Redis.HashIncrementAsync(key, PerformanceCounterLayout.DayField(c.Quarter, c.Offer, c.Marketplace, PerformanceCounterLayout.StreamsSuffix), c.Streams);
        }
    }

    /// <summary>The answers of a fresh gateway to <paramref name="urls"/>, with the operator's key or an access key of a distributor owning title a.</summary>
    private async Task<List<string>> AnswersAsync(string ns, IEnumerable<string> urls, bool distributor = false, string? a = null)
    {
        await using var app = new GatewayApp(dependencies, ns);
        var http = app.CreateClient();
        if (distributor)
        {
            // The distributor owns title a only: its answers are a's, whichever path reads them.
            await TestTenancy.RegisterAsync(app.Services, [a!], []);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTenancy.AccessKeyAsync(app.Services));
        }
        var answers = new List<string>();
        foreach (var url in urls)
        {
            answers.Add(await GatewayAnswers.GetJsonAsync(http, url));
        }
        return answers;
    }

    private async Task BackfillAsync(string ns)
    {
        var prefix = new ServiceDefaults.PipelineOptions { Namespace = ns }.Prefix;
        var backfill = new PerformanceRollupBackfill(dependencies.Redis);
        for (var p = 0; p < GatewayApp.Partitions; p++)
        {
            await backfill.RunAsync(prefix, p);
            Assert.True(await backfill.IsCurrentAsync(prefix, p));
        }
    }

    private static string Url(string query) => "/v1/metrics/performance?" + query;

    [Fact]
    public async Task A_UTC_month_grouped_by_title_is_read_from_the_month_roll_ups_with_the_same_numbers()
    {
        var (ns, a, b) = await SeedAsync("rollup-month");
        await BackfillAsync(ns);
        // Only cells 2-5 are in March: a = 120,000 + 30,000 ms (2.50 min), 3 streams; b = 600,000 + 90,000 (11.50), 2.
        var expected = $$"""
            {"from":"2026-03-01T00:00:00+00:00","to":"2026-04-01T00:00:00+00:00","tz":"UTC","granularity":"total",
             "totals":{"minutesStreamed":14.00,"uniqueStreams":5},
             "series":[{"start":"2026-03-01T00:00:00+00:00","minutesStreamed":14.00,"uniqueStreams":5}],
             "groups":[
              {"key":"{{a}}","totals":{"minutesStreamed":2.50,"uniqueStreams":3},"series":[{"start":"2026-03-01T00:00:00+00:00","minutesStreamed":2.50,"uniqueStreams":3}]},
              {"key":"{{b}}","totals":{"minutesStreamed":11.50,"uniqueStreams":2},"series":[{"start":"2026-03-01T00:00:00+00:00","minutesStreamed":11.50,"uniqueStreams":2}]}]}
            """;
        var url = Url("from=2026-03-01&to=2026-03-31&granularity=total&groupBy=title");

        // The quarter detail of March gone, the answer can only come from the month roll-ups.
        var db = dependencies.Redis.GetDatabase();
        var prefix = new ServiceDefaults.PipelineOptions { Namespace = ns }.Prefix;
        foreach (var c in Cells.Where(c => c.Day.Month == 3))
        {
            await db.KeyDeleteAsync(PerformanceCounterLayout.TitleDay(prefix, c.Partition, c.B ? b : a, c.Day));
        }
        JsonAssert.Equal(expected, (await AnswersAsync(ns, [url]))[0]);
    }

    [Fact]
    public async Task Kathmandu_and_Kolkata_ranges_cut_mid_day_give_the_hand_worked_numbers_on_both_paths()
    {
        var (ns, a, b) = await SeedAsync("rollup-zones");
        string[] urls =
        [
            // +05:45: local March 1 is [02-28 18:15Z, 03-01 18:15Z): cells 1, 2 and 3, 210,000 ms (3.50 min), 4 streams.
            Url("from=2026-03-01&to=2026-03-01&tz=Asia/Kathmandu&granularity=total"),
            // +05:30, from 03-01 05:30Z to 04-01 05:30Z: March 1 and April 1 cut, March 2-31 whole days (no whole month);
            // cells 3-6: a = 30,000 + 45,000 (1.25 min, 3 streams), b = 600,000 + 90,000 (11.50 min, 2 streams).
            Url("from=2026-03-01T11:00:00%2B05:30&to=2026-04-01T11:00:00%2B05:30&tz=Asia/Kolkata&granularity=total&groupBy=title"),
        ];
        var before = await AnswersAsync(ns, urls);
        await BackfillAsync(ns);
        var after = await AnswersAsync(ns, urls);

        JsonAssert.Equal("""
            {"from":"2026-03-01T00:00:00+05:45","to":"2026-03-02T00:00:00+05:45","tz":"Asia/Kathmandu","granularity":"total",
             "totals":{"minutesStreamed":3.50,"uniqueStreams":4},
             "series":[{"start":"2026-03-01T00:00:00+05:45","minutesStreamed":3.50,"uniqueStreams":4}]}
            """, after[0]);
        JsonAssert.Equal($$"""
            {"from":"2026-03-01T11:00:00+05:30","to":"2026-04-01T11:00:00+05:30","tz":"Asia/Kolkata","granularity":"total",
             "totals":{"minutesStreamed":12.75,"uniqueStreams":5},
             "series":[{"start":"2026-03-01T11:00:00+05:30","minutesStreamed":12.75,"uniqueStreams":5}],
             "groups":[
              {"key":"{{a}}","totals":{"minutesStreamed":1.25,"uniqueStreams":3},"series":[{"start":"2026-03-01T11:00:00+05:30","minutesStreamed":1.25,"uniqueStreams":3}]},
              {"key":"{{b}}","totals":{"minutesStreamed":11.50,"uniqueStreams":2},"series":[{"start":"2026-03-01T11:00:00+05:30","minutesStreamed":11.50,"uniqueStreams":2}]}]}
            """, after[1]);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Every_zone_granularity_filter_and_grouping_answers_as_before_the_backfill()
    {
        var (ns, a, b) = await SeedAsync("rollup-matrix");
        string[] ranges =
        [
            "from=2026-02-01&to=2026-04-30",
            "from=2026-03-01&to=2026-03-31",
            "from=2026-02-28T23:45:00Z&to=2026-04-01T05:30:00Z",
            "from=2026-03-01T05:45:00Z&to=2026-03-31T23:59:00Z",
        ];
        string[] zones = ["UTC", "Asia/Kathmandu", "Asia/Kolkata", "America/New_York", "America/St_Johns"];
        string[] granularities = ["total", "month", "day"];
        string[] selections =
        [
            "", "groupBy=title", "groupBy=offer", "groupBy=marketplace", "offer=prime", "offer=prime&groupBy=title",
            "marketplace=DE&groupBy=offer", $"titleId={Uri.EscapeDataString(a)}", $"titleId={Uri.EscapeDataString(b)}&groupBy=marketplace",
            $"titleId={Uri.EscapeDataString(a)}&titleId={Uri.EscapeDataString(b)}&groupBy=title",
        ];
        var urls = (
            from range in ranges
            from zone in zones
            from granularity in granularities
            from selection in selections
            select Url($"{range}&tz={zone}&granularity={granularity}&{selection}")).ToList();
        urls.Add(Url("from=2026-03-01&to=2026-03-02&tz=Asia/Kathmandu&granularity=hour&groupBy=title"));

        // The distributor owns a only: its queries leave b out.
        var distributorUrls = urls.Where(u => !u.Contains(Uri.EscapeDataString(b), StringComparison.Ordinal)).ToList();

        var before = await AnswersAsync(ns, urls);
        var distributorBefore = await AnswersAsync(ns, distributorUrls, distributor: true, a);
        await BackfillAsync(ns);
        var after = await AnswersAsync(ns, urls);
        var distributorAfter = await AnswersAsync(ns, distributorUrls, distributor: true, a);

        for (var i = 0; i < urls.Count; i++)
        {
            Assert.True(before[i] == after[i], $"{urls[i]}\nbefore: {before[i]}\nafter:  {after[i]}");
        }
        Assert.Equal(distributorBefore, distributorAfter);
    }

    [Fact]
    public async Task The_backfill_sums_the_quarter_detail_into_every_roll_up_and_is_the_same_when_run_again()
    {
        var (ns, a, b) = await SeedAsync("rollup-backfill");
        var prefix = new ServiceDefaults.PipelineOptions { Namespace = ns }.Prefix;
        var db = dependencies.Redis.GetDatabase();
        await BackfillAsync(ns);

        async Task<Dictionary<string, string>> Hash(string key) =>
            (await db.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

        // Partition 0 in March: cells 2 (a prime/US) and 5 (b prime/DE).
        Assert.Equal(new Dictionary<string, string> { [$"m:{a}"] = "120000", [$"s:{a}"] = "1", [$"m:{b}"] = "90000", [$"s:{b}"] = "1" },
            await Hash(PerformanceCounterLayout.MonthTitles(prefix, 0, 2026, 3)));
        Assert.Equal(new Dictionary<string, string> { ["|prime|US|m"] = "120000", ["|prime|US|s"] = "1", ["|prime|DE|m"] = "90000", ["|prime|DE|s"] = "1" },
            await Hash(PerformanceCounterLayout.AllMonthRollup(prefix, 0, 2026, 3)));
        // Partition 1 on April 1: cell 6 only.
        Assert.Equal(new Dictionary<string, string> { [$"m:{a}"] = "45000", [$"s:{a}"] = "1" },
            await Hash(PerformanceCounterLayout.DayTitles(prefix, 1, new DateOnly(2026, 4, 1))));
        Assert.Equal(new Dictionary<string, string> { ["|tvod|DE|m"] = "30000", ["|tvod|DE|s"] = "2" },
            await Hash(PerformanceCounterLayout.AllDayRollup(prefix, 1, new DateOnly(2026, 3, 1))));

        // The day's quarter totals over every title, offer and marketplace: partition 1 on March 1 holds cell 3 only,
        // partition 0 on March 31 cell 5 (quarter 95).
        var march1 = new DateOnly(2026, 3, 1);
        var totals = new Dictionary<string, string> { ["23|||m"] = "30000", ["23|||s"] = "2" };
        Assert.Equal(totals, await Hash(PerformanceCounterLayout.AllQuarters(prefix, 1, march1)));
        Assert.Equal(new Dictionary<string, string> { ["95|||m"] = "90000", ["95|||s"] = "1" },
            await Hash(PerformanceCounterLayout.AllQuarters(prefix, 0, new DateOnly(2026, 3, 31))));

        // A partition at layout 2 (roll-ups from before the quarter totals) is brought to the current one.
        await db.KeyDeleteAsync(PerformanceCounterLayout.AllQuarters(prefix, 1, march1));
        await db.StringSetAsync(PerformanceCounterLayout.LayoutKey(prefix, 1), "2");
        await BackfillAsync(ns);
        Assert.Equal(totals, await Hash(PerformanceCounterLayout.AllQuarters(prefix, 1, march1)));

        // A crash after the roll-ups and before the marker: the next run overwrites them with the same sums.
        var month = await Hash(PerformanceCounterLayout.MonthTitles(prefix, 0, 2026, 3));
        await db.KeyDeleteAsync(PerformanceCounterLayout.LayoutKey(prefix, 0));
        await BackfillAsync(ns);
        Assert.Equal(month, await Hash(PerformanceCounterLayout.MonthTitles(prefix, 0, 2026, 3)));
    }

    [Fact]
    public async Task An_all_titles_query_by_hour_of_marked_partitions_reads_each_days_quarter_totals()
    {
        var (ns, _, _) = await SeedAsync("rollup-quarters");
        await BackfillAsync(ns);
        // Without the detail over all titles, March 1 by hour can only come from the quarter totals: cell 2 at 00:00Z
        // (120,000 ms, 1 stream) and cell 3 at 05:45Z (30,000 ms, 2 streams).
        var db = dependencies.Redis.GetDatabase();
        var prefix = new ServiceDefaults.PipelineOptions { Namespace = ns }.Prefix;
        var march1 = new DateOnly(2026, 3, 1);
        for (var p = 0; p < GatewayApp.Partitions; p++) await db.KeyDeleteAsync(PerformanceCounterLayout.AllDay(prefix, p, march1));

        var answers = await AnswersAsync(ns, [Url("from=2026-03-01&to=2026-03-01&granularity=hour"), Url("from=2026-03-01&to=2026-03-01&granularity=hour&offer=prime")]);

        using var all = System.Text.Json.JsonDocument.Parse(answers[0]);
        Assert.Equal(2.50m, all.RootElement.GetProperty("totals").GetProperty("minutesStreamed").GetDecimal());
        Assert.Equal(3, all.RootElement.GetProperty("totals").GetProperty("uniqueStreams").GetInt64());
        var series = all.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(24, series.Count);
        Assert.Equal((2.00m, 1L), (series[0].GetProperty("minutesStreamed").GetDecimal(), series[0].GetProperty("uniqueStreams").GetInt64()));
        Assert.Equal((0.50m, 2L), (series[5].GetProperty("minutesStreamed").GetDecimal(), series[5].GetProperty("uniqueStreams").GetInt64()));
        // An offer filter needs the offer: it reads the detail, which is gone here.
        using var prime = System.Text.Json.JsonDocument.Parse(answers[1]);
        Assert.Equal(0, prime.RootElement.GetProperty("totals").GetProperty("uniqueStreams").GetInt64());
    }

    [Fact]
    public async Task A_distributors_title_without_counters_is_no_group_on_either_path()
    {
        var (ns, a, _) = await SeedAsync("rollup-idle");
        var idle = "idle-" + Guid.NewGuid().ToString("N")[..8];
        var url = Url("from=2026-03-01&to=2026-03-31&granularity=total&groupBy=title");

        async Task<string> AskAsync()
        {
            await using var app = new GatewayApp(dependencies, ns);
            var http = app.CreateClient();
            await TestTenancy.RegisterAsync(app.Services, [a, idle], []);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTenancy.AccessKeyAsync(app.Services));
            return await GatewayAnswers.GetJsonAsync(http, url);
        }

        // Before the backfill March is read from the quarter detail, after it from the month roll-ups (HMGET of the
        // distributor's titles): the idle title is a group on neither. March for a: cells 2 and 3, 2.50 min, 3 streams.
        var before = await AskAsync();
        await BackfillAsync(ns);
        var after = await AskAsync();
        JsonAssert.Equal($$"""
            {"from":"2026-03-01T00:00:00+00:00","to":"2026-04-01T00:00:00+00:00","tz":"UTC","granularity":"total",
             "totals":{"minutesStreamed":2.50,"uniqueStreams":3},
             "series":[{"start":"2026-03-01T00:00:00+00:00","minutesStreamed":2.50,"uniqueStreams":3}],
             "groups":[{"key":"{{a}}","totals":{"minutesStreamed":2.50,"uniqueStreams":3},"series":[{"start":"2026-03-01T00:00:00+00:00","minutesStreamed":2.50,"uniqueStreams":3}]}]}
            """, after);
        Assert.Equal(before, after);
    }
}
