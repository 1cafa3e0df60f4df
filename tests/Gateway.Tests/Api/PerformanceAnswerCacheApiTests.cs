using System.Collections.Concurrent;
using System.Diagnostics;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// Performance answers kept while the versions of their days hold (PerformanceAnswerCache), over counters written by
/// hand for UTC day 2026-03-10: partition 0, title a, 02:00Z prime/US 90,000 ms 1 stream; partition 1, title b, 04:00Z
/// avod/US 600,000 ms 1 stream. Total 690,000 ms = 11.50 min, 2 streams.
/// </summary>
public sealed class PerformanceAnswerCacheApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private const string Total = "/v1/metrics/performance?from=2026-03-10&to=2026-03-10&granularity=total";

    private async Task<(GatewayApp App, HttpClient Http)> StartAsync(
        string hint, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var app = new GatewayApp(dependencies, RealDependencies.NewNamespace(hint), settings, clock);
        var p = app.Prefix;
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 0, "a", Day), (8, "prime", "US", 90_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 1, "b", Day), (16, "avod", "US", 600_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 0, Day), (8, "prime", "US", 90_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 1, Day), (16, "avod", "US", 600_000L, 1L));
        return (app, app.CreateClient());
    }

    private static Task VersionAsync(GatewayApp app, int partition, string version) =>
        app.Redis.HashSetAsync(PerformanceCounterLayout.DayVersions(app.Prefix, partition), PerformanceCounterLayout.Day(Day), version);

    /// <summary>Partition 1 gains a minute and a stream by hand, as a batch would, but without a new version.</summary>
    private static Task AddUnversionedAsync(GatewayApp app) =>
        app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 1, Day), (16, "avod", "US", 660_000L, 2L));

    private static async Task<string> TotalsAsync(HttpClient http, string url = Total)
    {
        using var answer = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, url));
        var totals = answer.RootElement.GetProperty("totals");
        return $"{totals.GetProperty("minutesStreamed").GetDecimal()} min, {totals.GetProperty("uniqueStreams").GetInt64()} streams";
    }

    [Fact]
    public async Task An_answer_is_kept_while_its_days_keep_their_versions_and_read_again_once_one_changes()
    {
        // The day after: March 10 is past (a query that reaches today is never kept).
        var (app, http) = await StartAsync("keep", clock: new FakeTimeProvider(DateTimeOffset.Parse("2026-03-11T00:00:00Z")));
        await using var _ = app;
        await VersionAsync(app, 0, "v0");
        await VersionAsync(app, 1, "v0");
        Assert.Equal("11.50 min, 2 streams", await TotalsAsync(http));

        // Counters changed under the same versions, which no writer does (a commit always gives a new one): kept.
        await AddUnversionedAsync(app);
        Assert.Equal("11.50 min, 2 streams", await TotalsAsync(http));
        // Another query is not answered from that one: title a alone, in partition 0.
        Assert.Equal("1.50 min, 1 streams", await TotalsAsync(http, Total + "&titleId=a"));

        // Partition 1's day moves on: 90,000 + 660,000 ms = 12.50 min, 1 + 2 streams.
        await VersionAsync(app, 1, "v1");
        Assert.Equal("12.50 min, 3 streams", await TotalsAsync(http));
    }

    [Theory]
    [InlineData(false, null, null)]                   // partition 1 keeps no day versions: its writer is older than them
    [InlineData(true, "0", null)]                     // Gateway:QueryCacheBytes and HashCacheBytes 0 keep nothing
    [InlineData(true, null, "2026-03-10T23:59:59Z")]  // the range reaches today (UTC): neither the answer nor today's hashes are kept
    public async Task Without_versions_in_every_partition_without_room_or_over_today_every_query_reads_the_counters(
        bool bothVersioned, string? cacheBytes, string? now)
    {
        var (app, http) = await StartAsync("nokeep",
            cacheBytes is null ? null : new Dictionary<string, string?> { ["Gateway:QueryCacheBytes"] = cacheBytes, ["Gateway:HashCacheBytes"] = cacheBytes },
            now is null ? null : new FakeTimeProvider(DateTimeOffset.Parse(now)));
        await using var _ = app;
        await VersionAsync(app, 0, "v0");
        if (bothVersioned) await VersionAsync(app, 1, "v0");
        Assert.Equal("11.50 min, 2 streams", await TotalsAsync(http));

        await AddUnversionedAsync(app);

        Assert.Equal("12.50 min, 3 streams", await TotalsAsync(http));
    }

    private static Task TitlesVersionAsync(GatewayApp app, int partition, string version) =>
        app.Redis.HashSetAsync(PerformanceCounterLayout.DayVersions(app.Prefix, partition), PerformanceCounterLayout.TitlesVersionField, version);

    /// <summary>
    /// Title totals written by hand: a has 90,000 ms and 1 stream in partition 0 and 30,000 ms and 1 in partition 1
    /// (2.00 min, 2 streams); b has 600,000 ms and 1 stream in partition 1 (10.00 min, 1 stream).
    /// </summary>
    private async Task<(GatewayApp App, HttpClient Http)> StartWithTitlesAsync(string hint, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new GatewayApp(dependencies, RealDependencies.NewNamespace(hint), settings);
        await app.WriteTitlesAsync(0, ("a", 90_000L, 1L));
        await app.WriteTitlesAsync(1, ("a", 30_000L, 1L), ("b", 600_000L, 1L));
        return (app, app.CreateClient());
    }

    private static async Task<string> TitlesAsync(HttpClient http)
    {
        using var answer = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/v1/titles"));
        return string.Join(", ", answer.RootElement.GetProperty("titles").EnumerateArray().Select(t =>
            $"{t.GetProperty("titleId").GetString()} {t.GetProperty("minutesStreamed").GetDecimal()} min {t.GetProperty("uniqueStreams").GetInt64()} streams"));
    }

    /// <summary>b gains 60,000 ms and a stream in partition 1 by hand, as a batch would, but without a new version.</summary>
    private static Task AddUnversionedTitleAsync(GatewayApp app) => app.WriteTitlesAsync(1, ("b", 660_000L, 2L));

    [Fact]
    public async Task The_titles_list_is_kept_per_caller_while_the_title_totals_keep_their_version()
    {
        var (app, http) = await StartWithTitlesAsync("titles-keep");
        await using var _ = app;
        await TitlesVersionAsync(app, 0, "v0");
        await TitlesVersionAsync(app, 1, "v0");
        Assert.Equal("a 2.00 min 2 streams, b 10.00 min 1 streams", await TitlesAsync(http));

        // Totals changed under the same version, which no writer does: the kept list.
        await AddUnversionedTitleAsync(app);
        Assert.Equal("a 2.00 min 2 streams, b 10.00 min 1 streams", await TitlesAsync(http));

        // A distributor who owns a alone is not answered from the operator's list.
        await TestTenancy.RegisterAsync(app.Services, ["a"], []);
        using var distributor = app.CreateClient();
        distributor.DefaultRequestHeaders.Authorization = new("Bearer", await TestTenancy.AccessKeyAsync(app.Services));
        Assert.Equal("a 2.00 min 2 streams", await TitlesAsync(distributor));

        // Partition 1's totals move on: b is 660,000 ms = 11.00 min, 2 streams.
        await TitlesVersionAsync(app, 1, "v1");
        Assert.Equal("a 2.00 min 2 streams, b 11.00 min 2 streams", await TitlesAsync(http));
    }

    [Fact]
    public async Task The_titles_list_span_says_whether_the_kept_list_answered()
    {
        var (app, http) = await StartWithTitlesAsync("titles-span");
        await using var _ = app;
        await TitlesVersionAsync(app, 0, "v0");
        await TitlesVersionAsync(app, 1, "v0");
        // Spans of this test's own trace only: other tests run beside it in this process.
        var trace = ActivityTraceId.CreateRandom();
        var cached = new ConcurrentQueue<object?>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "gateway" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.TraceId == trace && span.OperationName == "titles list") cached.Enqueue(span.GetTagItem("gateway.cached"));
            },
        };
        ActivitySource.AddActivityListener(listener);

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/titles");
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        // Read anew the first time, then the kept list: no commit came between.
        Assert.Equal([false, true], cached);
    }

    [Theory]
    [InlineData(false, null)]  // partition 1 has no title totals version: its writer is older than it
    [InlineData(true, "0")]    // Gateway:QueryCacheBytes 0 keeps nothing
    public async Task Without_a_titles_version_in_every_partition_or_without_room_the_titles_list_is_read_every_time(bool bothVersioned, string? cacheBytes)
    {
        var (app, http) = await StartWithTitlesAsync("titles-nokeep",
            cacheBytes is null ? null : new Dictionary<string, string?> { ["Gateway:QueryCacheBytes"] = cacheBytes });
        await using var _ = app;
        await TitlesVersionAsync(app, 0, "v0");
        if (bothVersioned) await TitlesVersionAsync(app, 1, "v0");
        Assert.Equal("a 2.00 min 2 streams, b 10.00 min 1 streams", await TitlesAsync(http));

        await AddUnversionedTitleAsync(app);

        Assert.Equal("a 2.00 min 2 streams, b 11.00 min 2 streams", await TitlesAsync(http));
    }
}
