using System.Net.Http.Headers;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The gateway over HTTP against real Redis. Every test writes, under its own namespace, the same hand-made counters
/// of UTC day 2026-03-10 across two partitions:
/// <code>
/// partition 0, title a: 02:00Z prime/US 90,000 ms 1 stream; 10:00Z prime/DE 30,000 ms 1 stream
/// partition 1, title a: 10:00Z tvod/US  45,000 ms 2 streams
/// partition 1, title b: 04:00Z avod/US 600,000 ms 1 stream
/// </code>
/// plus the all-titles rollups and all-time title totals that go with them. Total: 765,000 ms = 12.75 min, 5 streams.
/// </summary>
public sealed class PerformanceApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    private async Task<(GatewayApp App, HttpClient Http, string A, string B)> StartAsync(string hint)
    {
        var ns = RealDependencies.NewNamespace(hint);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (a, b) = ($"a-{suffix}", $"b-{suffix}");
        var app = new GatewayApp(dependencies, ns);
        var p = app.Prefix;
        var p0A = new[] { (8, "prime", "US", 90_000L, 1L), (40, "prime", "DE", 30_000L, 1L) };
        var p1A = new[] { (40, "tvod", "US", 45_000L, 2L) };
        var p1B = new[] { (16, "avod", "US", 600_000L, 1L) };
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 0, a, Day), p0A);
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 1, a, Day), p1A);
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 1, b, Day), p1B);
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 0, Day), p0A);
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 1, Day), [.. p1A, .. p1B]);
        await app.WriteTitlesAsync(0, (a, 120_000, 2));
        await app.WriteTitlesAsync(1, (a, 45_000, 2), (b, 600_000, 1));
        return (app, app.CreateClient(), a, b);
    }

    /// <summary>The JSON answer to one query of a gateway over those counters.</summary>
    private async Task<string> AnswerAsync(string hint, string url)
    {
        var (app, http, _, _) = await StartAsync(hint);
        await using var _ = app;
        return await GatewayAnswers.GetJsonAsync(http, url);
    }

    [Fact]
    public async Task Totals_sum_both_partitions()
    {
        JsonAssert.Equal("""
            {"from":"2026-03-10T00:00:00+00:00","to":"2026-03-11T00:00:00+00:00","tz":"UTC","granularity":"day",
             "totals":{"minutesStreamed":12.75,"uniqueStreams":5},
             "series":[{"start":"2026-03-10T00:00:00+00:00","minutesStreamed":12.75,"uniqueStreams":5}]}
            """, await AnswerAsync("totals", "/v1/metrics/performance?from=2026-03-10&to=2026-03-10"));
    }

    [Fact]
    public async Task New_York_midnight_splits_one_UTC_day_into_two_local_days()
    {
        // Local midnight of March 10 is 04:00Z: the 02:00Z quarter still belongs to March 9 in New York.
        JsonAssert.Equal("""
            {"from":"2026-03-09T00:00:00-04:00","to":"2026-03-11T00:00:00-04:00","tz":"America/New_York","granularity":"day",
             "totals":{"minutesStreamed":12.75,"uniqueStreams":5},
             "series":[{"start":"2026-03-09T00:00:00-04:00","minutesStreamed":1.50,"uniqueStreams":1},
                       {"start":"2026-03-10T00:00:00-04:00","minutesStreamed":11.25,"uniqueStreams":4}]}
            """, await AnswerAsync("tzsplit", "/v1/metrics/performance?from=2026-03-09&to=2026-03-10&tz=America/New_York"));
    }

    [Fact]
    public async Task Title_offer_and_marketplace_filters_combine()
    {
        var (app, http, a, b) = await StartAsync("filters");
        await using var _ = app;

        JsonAssert.Equal("""
            {"from":"2026-03-10T00:00:00+00:00","to":"2026-03-11T00:00:00+00:00","tz":"UTC","granularity":"total",
             "totals":{"minutesStreamed":1.50,"uniqueStreams":1},
             "series":[{"start":"2026-03-10T00:00:00+00:00","minutesStreamed":1.50,"uniqueStreams":1}]}
            """, await GatewayAnswers.GetJsonAsync(http, $"/v1/metrics/performance?from=2026-03-10&to=2026-03-10&granularity=total&titleId={a}&offer=prime&marketplace=US"));

        async Task<string> Totals(string filters)
        {
            using var answer = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, $"/v1/metrics/performance?from=2026-03-10&to=2026-03-10&{filters}"));
            return answer.RootElement.GetProperty("totals").GetRawText();
        }
        Assert.Equal("""{"minutesStreamed":2.75,"uniqueStreams":4}""", await Totals($"titleId={a}"));
        Assert.Equal("""{"minutesStreamed":12.75,"uniqueStreams":5}""", await Totals($"titleId={a}&titleId={b}"));
        Assert.Equal("""{"minutesStreamed":2.00,"uniqueStreams":2}""", await Totals("offer=prime"));
        Assert.Equal("""{"minutesStreamed":12.25,"uniqueStreams":4}""", await Totals("marketplace=US"));
        Assert.Equal("""{"minutesStreamed":10.75,"uniqueStreams":3}""", await Totals("offer=avod&offer=tvod"));
        Assert.Equal("""{"minutesStreamed":0.00,"uniqueStreams":0}""", await Totals($"titleId={b}&marketplace=DE"));
    }

    [Fact]
    public async Task Group_by_offer_gives_dense_series_per_offer_in_key_order()
    {
        JsonAssert.Equal("""
            {"from":"2026-03-09T00:00:00+00:00","to":"2026-03-11T00:00:00+00:00","tz":"UTC","granularity":"day",
             "totals":{"minutesStreamed":12.75,"uniqueStreams":5},
             "series":[{"start":"2026-03-09T00:00:00+00:00","minutesStreamed":0.00,"uniqueStreams":0},
                       {"start":"2026-03-10T00:00:00+00:00","minutesStreamed":12.75,"uniqueStreams":5}],
             "groups":[
              {"key":"avod","totals":{"minutesStreamed":10.00,"uniqueStreams":1},
               "series":[{"start":"2026-03-09T00:00:00+00:00","minutesStreamed":0.00,"uniqueStreams":0},
                         {"start":"2026-03-10T00:00:00+00:00","minutesStreamed":10.00,"uniqueStreams":1}]},
              {"key":"prime","totals":{"minutesStreamed":2.00,"uniqueStreams":2},
               "series":[{"start":"2026-03-09T00:00:00+00:00","minutesStreamed":0.00,"uniqueStreams":0},
                         {"start":"2026-03-10T00:00:00+00:00","minutesStreamed":2.00,"uniqueStreams":2}]},
              {"key":"tvod","totals":{"minutesStreamed":0.75,"uniqueStreams":2},
               "series":[{"start":"2026-03-09T00:00:00+00:00","minutesStreamed":0.00,"uniqueStreams":0},
                         {"start":"2026-03-10T00:00:00+00:00","minutesStreamed":0.75,"uniqueStreams":2}]}]}
            """, await AnswerAsync("byoffer", "/v1/metrics/performance?from=2026-03-09&to=2026-03-10&groupBy=offer"));
    }

    [Fact]
    public async Task Group_by_title_finds_the_titles_in_the_all_time_hashes_and_shows_those_watched_in_range()
    {
        var (app, http, a, _) = await StartAsync("bytitle");
        await using var _ = app;

        // Title b was watched only at 04:00Z, outside the range, so it has no group; a's 10:00Z quarter counts.
        JsonAssert.Equal($$"""
            {"from":"2026-03-10T06:00:00+00:00","to":"2026-03-10T12:00:00+00:00","tz":"UTC","granularity":"total",
             "totals":{"minutesStreamed":1.25,"uniqueStreams":3},
             "series":[{"start":"2026-03-10T06:00:00+00:00","minutesStreamed":1.25,"uniqueStreams":3}],
             "groups":[
              {"key":"{{a}}","totals":{"minutesStreamed":1.25,"uniqueStreams":3},
               "series":[{"start":"2026-03-10T06:00:00+00:00","minutesStreamed":1.25,"uniqueStreams":3}]}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/performance?from=2026-03-10T06:00:00Z&to=2026-03-10T12:00:00Z&granularity=total&groupBy=title"));
    }

    [Fact]
    public async Task Csv_download_has_the_same_rows_byte_for_byte()
    {
        var (app, http, _, _) = await StartAsync("csv");
        await using var _ = app;

        var response = await http.GetAsync("/v1/metrics/performance?from=2026-03-09&to=2026-03-10&groupBy=offer&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"performance.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var expected = System.Text.Encoding.UTF8.GetBytes(
            "group,start,minutesStreamed,uniqueStreams\r\n" +
            "avod,2026-03-09T00:00:00+00:00,0.00,0\r\n" +
            "avod,2026-03-10T00:00:00+00:00,10.00,1\r\n" +
            "prime,2026-03-09T00:00:00+00:00,0.00,0\r\n" +
            "prime,2026-03-10T00:00:00+00:00,2.00,2\r\n" +
            "tvod,2026-03-09T00:00:00+00:00,0.00,0\r\n" +
            "tvod,2026-03-10T00:00:00+00:00,0.75,2\r\n");
        Assert.Equal<byte>(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Csv_download_defuses_title_ids_a_spreadsheet_would_run_as_formulas()
    {
        // Ingest takes these as title ids (formula-like text is plain text to an id): the CSV must not hand them to
        // a spreadsheet as formulas. Minutes stay numbers.
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("csv-formula"));
        var http = app.CreateClient();
        string[] ids = ["=HYPERLINK(\"https://x.example\",\"open\")", "@SUM(A1)", "+1", "-2+3", "\tcmd"];
        foreach (var id in ids)
        {
            await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(app.Prefix, 0, id, Day), (8, "prime", "US", 60_000L, 1L));
        }
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(app.Prefix, 0, Day), (8, "prime", "US", 300_000L, 5L));
        await app.WriteTitlesAsync(0, [.. ids.Select(id => (id, 60_000L, 1L))]);

        var response = await http.GetAsync("/v1/metrics/performance?from=2026-03-10&to=2026-03-10&groupBy=title&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "group,start,minutesStreamed,uniqueStreams\r\n" +
            "\"'\tcmd\",2026-03-10T00:00:00+00:00,1.00,1\r\n" +
            "\"'+1\",2026-03-10T00:00:00+00:00,1.00,1\r\n" +
            "\"'-2+3\",2026-03-10T00:00:00+00:00,1.00,1\r\n" +
            "\"'=HYPERLINK(\"\"https://x.example\"\",\"\"open\"\")\",2026-03-10T00:00:00+00:00,1.00,1\r\n" +
            "\"'@SUM(A1)\",2026-03-10T00:00:00+00:00,1.00,1\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Titles_list_all_time_totals_summed_across_partitions()
    {
        var (app, http, a, b) = await StartAsync("titles");
        await using var _ = app;

        JsonAssert.Equal($$"""
            {"titles":[{"titleId":"{{a}}","minutesStreamed":2.75,"uniqueStreams":4},
                       {"titleId":"{{b}}","minutesStreamed":10.00,"uniqueStreams":1}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/titles"));
    }

    [Fact]
    public async Task A_distributors_titles_list_holds_its_titles_only_summed_across_partitions()
    {
        var (app, http, a, b) = await StartAsync("titles-own");
        await using var _ = app;
        // The distributor owns a and c; c has no counters yet, b is someone else's.
        var c = "c-" + a[2..];
        await TestTenancy.RegisterAsync(app.Services, [a, c], []);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTenancy.AccessKeyAsync(app.Services));

        // a: 120,000 ms and 2 streams in partition 0, 45,000 ms and 2 in partition 1: 2.75 min, 4 streams.
        JsonAssert.Equal($$"""
            {"titles":[{"titleId":"{{a}}","minutesStreamed":2.75,"uniqueStreams":4}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/titles"));
        Assert.DoesNotContain(b, await GatewayAnswers.GetJsonAsync(http, "/v1/titles"));
    }

    [Theory]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("granularity=week", "granularity")]
    [InlineData("from=yesterday", "from")]
    public async Task Bad_parameters_get_400_problem_details_naming_them(string query, string parameter)
    {
        var (app, http, _, _) = await StartAsync("bad");
        await using var _ = app;

        var response = await http.GetAsync($"/v1/metrics/performance?{query}");

        await GatewayAnswers.AssertBadParametersAsync(response, parameter);
    }

    [Fact]
    public async Task A_query_reading_more_hashes_than_allowed_gets_400_naming_to()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("maxkeys"),
            new Dictionary<string, string?> { ["Gateway:MaxKeysPerQuery"] = "3" });
        var http = app.CreateClient();

        // Two UTC days in two partitions: four rollup hashes; one day: two.
        var tooMany = await http.GetAsync("/v1/metrics/performance?from=2026-03-09&to=2026-03-10");
        var fine = await http.GetAsync("/v1/metrics/performance?from=2026-03-10&to=2026-03-10");

        await GatewayAnswers.AssertBadParametersAsync(tooMany, "to");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Ready_when_Redis_answers()
    {
        var (app, http, _, _) = await StartAsync("ready");
        await using var _ = app;

        var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_both_routes_by_name()
    {
        var (app, http, _, _) = await StartAsync("openapi");
        await using var _ = app;

        using var document = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal("GetPerformance", paths.GetProperty("/v1/metrics/performance").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("ListTitles", paths.GetProperty("/v1/titles").GetProperty("get").GetProperty("operationId").GetString());
    }
}
