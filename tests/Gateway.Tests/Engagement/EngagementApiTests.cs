namespace Streaming.Gateway.Tests.Engagement;

/// <summary>
/// The engagement routes over HTTP against real Redis. Counters written by hand for October 2026:
/// <code>
/// US prime: title movie 2 customers 2 h; season s1 2 customers 1.5 h; title doc 1 customer 10 h
/// US offers: movie prime 3 streams 2 h, movie tvod 1 stream 0.5 h, s1 prime 2 streams 1.5 h, doc prime 1 stream 10 h
/// BR prime: title movie 1 customer 1 h;  BR offers: movie prime 1 stream 1 h
/// </code>
/// </summary>
public sealed class EngagementApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const long Hour = 3_600_000;
    private static readonly UtcMonth October = new(2026, 10);

    private async Task<(GatewayApp App, HttpClient Http, EngagementSeed Seed)> StartAsync(
        string hint, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new GatewayApp(dependencies, RealDependencies.NewNamespace(hint), settings, clock);
        var seed = new EngagementSeed(app.Redis, app.Prefix);
        await seed.PrimeAsync(October, "US", ("title", "movie", 2, 2 * Hour), ("season", "s1", 2, 3 * Hour / 2), ("title", "doc", 1, 10 * Hour));
        await seed.OffersAsync(October, "US", ("title", "movie", "prime", 3, 2 * Hour), ("title", "movie", "tvod", 1, Hour / 2),
            ("season", "s1", "prime", 2, 3 * Hour / 2), ("title", "doc", "prime", 1, 10 * Hour));
        await seed.PrimeAsync(October, "BR", ("title", "movie", 1, Hour));
        await seed.OffersAsync(October, "BR", ("title", "movie", "prime", 1, Hour));
        await seed.OpenAsync(October);
        return (app, app.CreateClient(), seed);
    }

    [Fact]
    public async Task Engagement_ranks_the_territory_month_to_date()
    {
        var (app, http, _) = await StartAsync("eng");
        await using var _ = app;

        // N − 1 = 2. movie (2, 2 h) beats s1 (2, 1.5 h) on minutes, s1 beats doc (1, 10 h) on customers.
        // movie: B 2 → 100, 0.10 × 2 h = 0.20; s1: B 1 → 50, 0.07 × 1.5 h = 0.105 → 0.11; doc: B 0 → 0, 0.04 × 10 h = 0.40.
        JsonAssert.Equal("""
            {"month":"2026-10","territory":"US","final":false,"lateFactsIgnored":0,"units":[
             {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":2,"minutesStreamed":120.00,"hoursStreamed":2.00,"estimatedRoyalty":0.20,"currency":"USD"},
             {"unitId":"s1","kind":"season","cer":50,"distinctCustomers":2,"minutesStreamed":90.00,"hoursStreamed":1.50,"estimatedRoyalty":0.11,"currency":"USD"},
             {"unitId":"doc","kind":"title","cer":0,"distinctCustomers":1,"minutesStreamed":600.00,"hoursStreamed":10.00,"estimatedRoyalty":0.40,"currency":"USD"}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/engagement?month=2026-10&territory=US"));
    }

    [Fact]
    public async Task Outside_the_CER_territories_the_rank_is_null_not_zero()
    {
        var (app, http, _) = await StartAsync("nocer");
        await using var _ = app;

        JsonAssert.Equal("""
            {"month":"2026-10","territory":"BR","final":false,"lateFactsIgnored":0,"units":[
             {"unitId":"movie","kind":"title","cer":null,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.12,"currency":"BRL"}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/engagement?month=2026-10&territory=BR"));
    }

    [Fact]
    public async Task A_month_is_final_once_closed_or_once_final_through_reached_it_without_facts_and_never_while_reopened()
    {
        var (app, http, seed) = await StartAsync("final");
        await using var _ = app;
        async Task<bool> Final(string month) =>
            JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, $"/v1/metrics/engagement?month={month}&territory=US")).RootElement.GetProperty("final").GetBoolean();

        Assert.False(await Final("2026-10"));   // open
        Assert.False(await Final("2026-08"));   // no facts, and nothing is final yet
        await seed.FinalThroughAsync(new UtcMonth(2026, 10));
        Assert.True(await Final("2026-08"));    // no facts, before final_through
        Assert.True(await Final("2026-09"));
        Assert.False(await Final("2026-10"));   // its facts keep it open until the service closes it
        Assert.False(await Final("2026-11"));
        await seed.FinalAsync(October);
        Assert.True(await Final("2026-10"));
        await seed.ReopenedAsync(new UtcMonth(2026, 8));
        Assert.False(await Final("2026-08"));   // reopened by an operator for an import
    }

    [Fact]
    public async Task Late_facts_of_a_final_month_are_shown_with_it_in_every_territory()
    {
        var (app, http, seed) = await StartAsync("latefacts");
        await using var _ = app;
        await seed.FinalAsync(October);

        await seed.LateFactsAsync(October, 375_750);

        JsonAssert.Equal("""
            {"month":"2026-10","territory":"BR","final":true,"lateFactsIgnored":375750,"units":[
             {"unitId":"movie","kind":"title","cer":null,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.12,"currency":"BRL"}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/engagement?month=2026-10&territory=BR"));
        using var us = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/engagement?month=2026-10&territory=US"));
        Assert.Equal(375_750, us.RootElement.GetProperty("lateFactsIgnored").GetInt64());
    }

    /// <summary>The US units as "unitId CER", in answer order, with the answer's <c>final</c>.</summary>
    private static async Task<(bool Final, string Units)> RanksAsync(HttpClient http)
    {
        using var answer = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/engagement?month=2026-10&territory=US"));
        return (answer.RootElement.GetProperty("final").GetBoolean(), string.Join(", ", answer.RootElement.GetProperty("units").EnumerateArray()
            .Select(u => $"{u.GetProperty("unitId").GetString()} {u.GetProperty("cer").GetInt32()}")));
    }

    [Fact]
    public async Task A_ranking_is_reused_while_the_slot_keeps_its_version_and_ranked_again_once_it_changes()
    {
        var (app, http, seed) = await StartAsync("reuse");
        await using var _ = app;
        await seed.VersionAsync(October, "US", "v1");
        Assert.Equal((false, "movie 100, s1 50, doc 0"), await RanksAsync(http));

        // doc gains two customers under the same version, which no writer does (counting always gives a new one): the
        // ranking kept for v1 stands. The month's finality is read anew each time.
        await seed.PrimeAsync(October, "US", ("title", "doc", 3, 10 * Hour));
        await seed.FinalAsync(October);
        Assert.Equal((true, "movie 100, s1 50, doc 0"), await RanksAsync(http));

        // v2: doc (3 customers) beats movie and s1 (2 each; movie on minutes): B 2, 1, 0 of N − 1 = 2 → 100, 50, 0.
        await seed.VersionAsync(October, "US", "v2");
        Assert.Equal((true, "doc 100, movie 50, s1 0"), await RanksAsync(http));
    }

    [Theory]
    [InlineData(null, null)]  // a slot with no version (counted before versions existed, or never)
    [InlineData("v1", "0")]   // Gateway:EngagementCacheUnits 0 keeps no ranking
    public async Task Without_a_version_or_with_no_room_kept_every_query_ranks_the_counters_as_they_are(string? version, string? cacheUnits)
    {
        var (app, http, seed) = await StartAsync("noreuse",
            settings: cacheUnits is null ? null : new Dictionary<string, string?> { ["Gateway:EngagementCacheUnits"] = cacheUnits });
        await using var _ = app;
        if (version is not null) await seed.VersionAsync(October, "US", version);
        Assert.Equal((false, "movie 100, s1 50, doc 0"), await RanksAsync(http));

        await seed.PrimeAsync(October, "US", ("title", "doc", 3, 10 * Hour));

        Assert.Equal((false, "doc 100, movie 50, s1 0"), await RanksAsync(http));
    }

    [Fact]
    public async Task Without_a_month_the_current_UTC_month_is_shown()
    {
        // The gateway's clock at the last second of November: October's counters are not shown.
        var (app, http, _) = await StartAsync("default", new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T23:59:59Z")));
        await using var _ = app;

        var body = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/engagement?territory=US")).RootElement;

        Assert.Equal("2026-11", body.GetProperty("month").GetString());
        Assert.Equal(0, body.GetProperty("units").GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/metrics/engagement?month=2026-10", "territory")]
    [InlineData("/v1/metrics/engagement?month=2026-10&territory=usa", "territory")]
    [InlineData("/v1/metrics/engagement?month=2026-13&territory=US", "month")]
    [InlineData("/v1/metrics/engagement?month=2026-1&territory=US", "month")]
    [InlineData("/v1/metrics/engagement?month=Oct&territory=U", "month,territory")]
    [InlineData("/v1/reports/earnings?month=2026-10-01", "month")]
    public async Task Bad_parameters_get_400_problem_details_naming_them(string url, string parameters)
    {
        var (app, http, _) = await StartAsync("bad");
        await using var _ = app;

        var response = await http.GetAsync(url);

        await GatewayAnswers.AssertBadParametersAsync(response, parameters.Split(','));
    }

    [Fact]
    public async Task Earnings_report_is_a_CSV_download_with_every_territory_unit_and_offer()
    {
        var (app, http, _) = await StartAsync("earnings");
        await using var _ = app;

        var response = await http.GetAsync("/v1/reports/earnings?month=2026-10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8; header=present", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("earnings-2026-10.csv", response.Content.Headers.ContentDisposition?.FileName);
        var expected = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency\r\n" +
            "2026-10,BR,movie,prime,1,1.00,,0.12,BRL\r\n" +
            "2026-10,US,doc,prime,1,10.00,0,0.40,USD\r\n" +
            "2026-10,US,movie,prime,3,2.00,100,0.20,USD\r\n" +
            "2026-10,US,movie,tvod,1,0.50,,,\r\n" +
            "2026-10,US,s1,prime,2,1.50,50,0.11,USD\r\n"));
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Earnings_of_a_month_without_facts_is_the_header_alone()
    {
        var (app, http, _) = await StartAsync("empty");
        await using var _ = app;

        var body = await http.GetByteArrayAsync("/v1/reports/earnings?month=2025-01");

        Assert.Equal(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency\r\n")), body);
    }

    [Fact]
    public async Task OpenApi_document_names_both_routes_and_the_CSV_media_type()
    {
        var (app, http, _) = await StartAsync("openapi");
        await using var _ = app;

        using var document = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var engagement = paths.GetProperty("/v1/metrics/engagement").GetProperty("get");
        Assert.Equal("GetEngagement", engagement.GetProperty("operationId").GetString());
        Assert.Equal(["month", "territory"], engagement.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var earnings = paths.GetProperty("/v1/reports/earnings").GetProperty("get");
        Assert.Equal("GetEarningsReport", earnings.GetProperty("operationId").GetString());
        Assert.True(earnings.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out JsonElement _));
        Assert.True(earnings.GetProperty("responses").TryGetProperty("400", out JsonElement _));
    }

    [Fact]
    public async Task Gateway_refuses_to_start_with_a_bad_rate_card_and_names_the_key()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("badcard"),
            new Dictionary<string, string?> { ["EngagementRanking:RateCard:DE:MinRate"] = "0.5" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("EngagementRanking:RateCard:DE:MaxRate", error.ToString());
    }
}
