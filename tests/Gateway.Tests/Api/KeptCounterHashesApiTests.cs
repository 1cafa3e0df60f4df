using System.Diagnostics.Metrics;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// Counter hashes kept while the version of their day (or of every day of their month) holds (KeptCounterHashes), with
/// kept answers switched off (<c>Gateway:QueryCacheBytes</c> 0) so that every query sums hashes. A change written by
/// hand without a new version, which no writer does, shows whether a hash was read again or taken from memory.
/// </summary>
public sealed class KeptCounterHashesApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static readonly DateOnly March10 = new(2026, 3, 10);
    private static readonly DateOnly March11 = new(2026, 3, 11);
    private static readonly Dictionary<string, string?> AnswersOff = new() { ["Gateway:QueryCacheBytes"] = "0" };

    private static Task VersionAsync(GatewayApp app, int partition, DateOnly day, string version) =>
        app.Redis.HashSetAsync(PerformanceCounterLayout.DayVersions(app.Prefix, partition), PerformanceCounterLayout.Day(day), version);

    /// <summary>
    /// A gateway on a clock set at <paramref name="now"/>, kept answers off, over March 10 (partition 0 60,000 ms +
    /// partition 1 120,000 ms = 3.00 min, 2 streams) and March 11 (180,000 + 240,000 ms = 7.00 min, 2 streams), every
    /// day at version v0 in both partitions.
    /// </summary>
    private async Task<(GatewayApp App, HttpClient Http)> StartTwoDaysAsync(string hint, string now)
    {
        var app = new GatewayApp(dependencies, RealDependencies.NewNamespace(hint), AnswersOff, new FakeTimeProvider(DateTimeOffset.Parse(now)));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 0, March10), (8, "prime", "US", 60_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 1, March10), (16, "avod", "US", 120_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 0, March11), (8, "prime", "US", 180_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 1, March11), (16, "avod", "US", 240_000L, 1L));
        foreach (var partition in new[] { 0, 1 })
        {
            foreach (var day in new[] { March10, March11 }) await VersionAsync(app, partition, day, "v0");
        }
        return (app, app.CreateClient());
    }

    /// <summary>
    /// Partition 1's March 10 becomes 180,000 ms and 2 streams, partition 0's March 11 300,000 ms and 2 streams, both
    /// without a new version (which no writer does).
    /// </summary>
    private static async Task ChangeWithoutVersionsAsync(GatewayApp app)
    {
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 1, March10), (16, "avod", "US", 180_000L, 2L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 0, March11), (8, "prime", "US", 300_000L, 2L));
    }

    private static async Task<string> DaysAsync(HttpClient http)
    {
        using var answer = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/performance?from=2026-03-10&to=2026-03-11&granularity=day"));
        return string.Join("; ", answer.RootElement.GetProperty("series").EnumerateArray().Select(p =>
            $"{p.GetProperty("minutesStreamed").GetDecimal()} min {p.GetProperty("uniqueStreams").GetInt64()} streams"));
    }

    private static async Task<string> TotalAsync(HttpClient http, string url)
    {
        using var answer = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, url));
        var totals = answer.RootElement.GetProperty("totals");
        return $"{totals.GetProperty("minutesStreamed").GetDecimal()} min {totals.GetProperty("uniqueStreams").GetInt64()} streams";
    }

    [Fact]
    public async Task Only_the_days_whose_version_changed_are_read_again_in_the_partition_that_changed_them()
    {
        // The gateway's clock is March 12: both days are past.
        var (app, http) = await StartTwoDaysAsync("keep-hashes", "2026-03-12T00:00:00Z");
        await using var _ = app;
        Assert.Equal("3.00 min 2 streams; 7.00 min 2 streams", await DaysAsync(http));

        await ChangeWithoutVersionsAsync(app);
        Assert.Equal("3.00 min 2 streams; 7.00 min 2 streams", await DaysAsync(http)); // every hash taken from memory

        // Partition 0's March 11 gets a new version: that hash alone is read again, 300,000 + 240,000 ms = 9.00 min, 3 streams.
        await VersionAsync(app, 0, March11, "v1");
        Assert.Equal("3.00 min 2 streams; 9.00 min 3 streams", await DaysAsync(http));

        // Then partition 1's March 10: 60,000 + 180,000 ms = 4.00 min, 3 streams.
        await VersionAsync(app, 1, March10, "v1");
        Assert.Equal("4.00 min 3 streams; 9.00 min 3 streams", await DaysAsync(http));
    }

    [Fact]
    public async Task The_sums_of_a_day_are_kept_for_their_query_while_the_day_keeps_its_version_in_every_partition()
    {
        var (app, http) = await StartTwoDaysAsync("keep-day-sums", "2026-03-12T00:00:00Z");
        await using var _ = app;
        using var daysKept = new InstrumentTotal(app.Services.GetRequiredService<IMeterFactory>(), "gateway.query.days_kept");

        Assert.Equal("3.00 min 2 streams; 7.00 min 2 streams", await DaysAsync(http));
        Assert.Equal(0, daysKept.Value);

        await ChangeWithoutVersionsAsync(app);
        Assert.Equal("3.00 min 2 streams; 7.00 min 2 streams", await DaysAsync(http));
        Assert.Equal(2, daysKept.Value); // both days from their sums

        // Partition 0's March 11 gets a new version: March 11 is summed again (300,000 + 240,000 ms), March 10 kept.
        await VersionAsync(app, 0, March11, "v1");
        Assert.Equal("3.00 min 2 streams; 9.00 min 3 streams", await DaysAsync(http));
        Assert.Equal(3, daysKept.Value);

        // Another query over the same days has sums of its own: none kept yet. Its hashes: March 10 as kept at v0
        // (60,000 + 120,000 ms), March 11 (300,000 + 240,000 ms) = 12.00 min, 5 streams.
        Assert.Equal("12.00 min 5 streams", await TotalAsync(http, "/v1/metrics/performance?from=2026-03-10&to=2026-03-11&granularity=total"));
        Assert.Equal(3, daysKept.Value);

        // Partition 1's March 10 gets a new version: March 10 is summed again (60,000 + 180,000 ms), March 11 kept.
        await VersionAsync(app, 1, March10, "v1");
        Assert.Equal("4.00 min 3 streams; 9.00 min 3 streams", await DaysAsync(http));
        Assert.Equal(4, daysKept.Value);
    }

    [Fact]
    public async Task Hashes_of_today_are_read_every_time_and_those_of_the_days_before_are_kept()
    {
        // Noon on March 11 (UTC): March 10 is past, March 11 is today.
        var (app, http) = await StartTwoDaysAsync("keep-today", "2026-03-11T12:00:00Z");
        await using var _ = app;
        Assert.Equal("3.00 min 2 streams; 7.00 min 2 streams", await DaysAsync(http));

        // March 10 is kept, today is read again (300,000 + 240,000 ms = 9.00 min, 3 streams).
        await ChangeWithoutVersionsAsync(app);
        Assert.Equal("3.00 min 2 streams; 9.00 min 3 streams", await DaysAsync(http));
    }

    [Theory]
    [InlineData("2026-03-01T00:00:00Z", "3.00 min 3 streams")] // February is past: its roll-ups are kept
    [InlineData("2026-02-28T12:00:00Z", "5.00 min 4 streams")] // February holds today: they are read every time
    public async Task A_month_roll_up_is_kept_while_every_day_of_the_month_keeps_its_version(string now, string beforeNewVersion)
    {
        // Whole-month roll-ups over all titles: partition 0 60,000 ms 1 stream, partition 1 120,000 ms 2 streams = 3.00
        // min, 3 streams; both partitions read roll-ups (layout marker set) and keep day versions (one day each).
        const string february = "/v1/metrics/performance?from=2026-02-01&to=2026-02-28&granularity=total";
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("keep-month"), AnswersOff,
            new FakeTimeProvider(DateTimeOffset.Parse(now)));
        var p = app.Prefix;
        foreach (var partition in new[] { 0, 1 })
        {
            await app.Redis.StringSetAsync(PerformanceCounterLayout.LayoutKey(p, partition), PerformanceCounterLayout.RollupLayout);
            await VersionAsync(app, partition, new DateOnly(2026, 2, 3), "v0");
        }
        await app.WriteHashAsync(PerformanceCounterLayout.AllMonthRollup(p, 0, 2026, 2), ("|prime|US|m", 60_000), ("|prime|US|s", 1));
        await app.WriteHashAsync(PerformanceCounterLayout.AllMonthRollup(p, 1, 2026, 2), ("|avod|DE|m", 120_000), ("|avod|DE|s", 2));
        var http = app.CreateClient();
        Assert.Equal("3.00 min 3 streams", await TotalAsync(http, february));

        // Partition 1's roll-up becomes 240,000 ms and 3 streams without a new version.
        await app.WriteHashAsync(PerformanceCounterLayout.AllMonthRollup(p, 1, 2026, 2), ("|avod|DE|m", 240_000), ("|avod|DE|s", 3));
        Assert.Equal(beforeNewVersion, await TotalAsync(http, february));

        // A day of February that had no version gets one in partition 1: 60,000 + 240,000 ms = 5.00 min, 4 streams.
        await VersionAsync(app, 1, new DateOnly(2026, 2, 27), "v1");
        Assert.Equal("5.00 min 4 streams", await TotalAsync(http, february));
    }

    [Fact]
    public async Task The_fields_of_some_titles_are_kept_apart_from_those_of_other_titles_in_the_same_roll_up()
    {
        // Whole-month roll-ups per title: partition 0 a 60,000 ms 1 stream and b 120,000 ms 1 stream, partition 1 a
        // 180,000 ms 1 stream. Title a alone: 4.00 min, 2 streams; a and b: 6.00 min, 3 streams. Each reads only its
        // titles' fields (HMGET), so each keeps its own.
        const string february = "/v1/metrics/performance?from=2026-02-01&to=2026-02-28&granularity=total&titleId=a";
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("keep-titles"), AnswersOff,
            new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z")));
        var p = app.Prefix;
        foreach (var partition in new[] { 0, 1 })
        {
            await app.Redis.StringSetAsync(PerformanceCounterLayout.LayoutKey(p, partition), PerformanceCounterLayout.RollupLayout);
            await VersionAsync(app, partition, new DateOnly(2026, 2, 3), "v0");
        }
        await app.WriteHashAsync(PerformanceCounterLayout.MonthTitles(p, 0, 2026, 2), ("m:a", 60_000), ("s:a", 1), ("m:b", 120_000), ("s:b", 1));
        await app.WriteHashAsync(PerformanceCounterLayout.MonthTitles(p, 1, 2026, 2), ("m:a", 180_000), ("s:a", 1));
        var http = app.CreateClient();
        Assert.Equal("4.00 min 2 streams", await TotalAsync(http, february));
        Assert.Equal("6.00 min 3 streams", await TotalAsync(http, february + "&titleId=b"));

        // Partition 1's a becomes 300,000 ms and 2 streams without a new version: both are kept.
        await app.WriteHashAsync(PerformanceCounterLayout.MonthTitles(p, 1, 2026, 2), ("m:a", 300_000), ("s:a", 2));
        Assert.Equal("4.00 min 2 streams", await TotalAsync(http, february));
        Assert.Equal("6.00 min 3 streams", await TotalAsync(http, february + "&titleId=b"));

        // A new version in partition 1: a 60,000 + 300,000 ms = 6.00 min, 3 streams; a and b 480,000 ms = 8.00 min, 4.
        await VersionAsync(app, 1, new DateOnly(2026, 2, 27), "v1");
        Assert.Equal("6.00 min 3 streams", await TotalAsync(http, february));
        Assert.Equal("8.00 min 4 streams", await TotalAsync(http, february + "&titleId=b"));
    }
}
