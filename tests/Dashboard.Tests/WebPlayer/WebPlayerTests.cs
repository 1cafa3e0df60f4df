extern alias IngestService;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Streaming.Integration.Tests;
using static Streaming.Dashboard.Tests.PageReading;

namespace Streaming.Dashboard.Tests.WebPlayer;

/// <summary>
/// A web player on a distributor's site, in headless Chromium: an HTML5 video on a page of another origin than
/// ingest's posts its events with <c>fetch</c> and its unload with <c>navigator.sendBeacon</c>. Ingest runs on Kestrel
/// and checks keys for real, with a player key the operator issued through the gateway for one origin of the site;
/// sessionization counts on the real broker and Redis.
/// </summary>
public sealed class WebPlayerTests(RealDependencies deps, Chromium chromium) : IClassFixture<RealDependencies>, IClassFixture<Chromium>
{
    private const string TitleId = "web-movie";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_video_page_of_an_allowed_origin_reads_every_answer_and_its_play_heartbeat_pause_and_unload_are_counted_exactly()
    {
        await using var pipeline = new Pipeline(deps, "webplayer");
        pipeline.StartSessionization();
        var posts = new PostLog();
        await using var ingestHost = IngestFor(pipeline, posts);
        using var ingest = OverHttp.Serve(ingestHost);
        await using var site = await PlayerPages.StartAsync();
        var key = await IssuePlayerKeyAsync(pipeline, ingest, site.FirstOrigin);
        await using var browser = await chromium.NewContextAsync();

        // The other origin of the site may not use the key: the preflight of its fetch is refused, so the fetch
        // rejects, the page reads nothing and the post is never sent; its beacon (a simple request, without
        // preflight) is refused by ingest.
        var elsewhere = await browser.NewPageAsync();
        await elsewhere.GotoAsync(PlayerPages.Address(site.SecondOrigin, ingest.BaseAddress!, key, Start, "viewer-elsewhere", TitleId));
        await PlayAsync(elsewhere);
        var refused = await AnswersAsync(elsewhere, 2); // play and heartbeat
        Assert.Equal(["heartbeat", "play"], refused.Select(a => (string)a["type"]!).Order(StringComparer.Ordinal));
        Assert.All(refused, answer => Assert.Equal("TypeError: Failed to fetch", (string?)answer["error"]));
        await elsewhere.GotoAsync("about:blank"); // unloads: the beacon goes out
        Assert.Equal([$"{site.SecondOrigin} beacon: 403"], await Eventually.UntilAsync(() => Task.FromResult(posts.Answers.ToArray()), all => all.Length >= 1,
            "the refused page's beacon to be answered", Patience));

        var page = await browser.NewPageAsync();
        var problems = new PageProblems(page);
        await page.GotoAsync(PlayerPages.Address(site.FirstOrigin, ingest.BaseAddress!, key, Start, "viewer", TitleId));
        await PlayAsync(page);
        await AnswersAsync(page, 2); // play and heartbeat
        await page.EvalOnSelectorAsync("#video", "video => video.pause()");
        var answers = await AnswersAsync(page, 3);

        const string OneAccepted = """{"accepted":1,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""";
        // play and heartbeat are in flight together: their answers may come in either order.
        Assert.Equal(["heartbeat", "pause", "play"], answers.Select(a => (string)a["type"]!).Order(StringComparer.Ordinal));
        Assert.All(answers, answer =>
        {
            Assert.Null(answer["error"]);
            Assert.Equal(202, (int)answer["status"]!);
            JsonAssert.Equal(OneAccepted, (string)answer["body"]!);
            Assert.Null((string?)answer["retryAfter"]);
        });
        await page.GotoAsync("about:blank");
        var fetched = $"{site.FirstOrigin} fetch: 202";
        Assert.Equal([$"{site.SecondOrigin} beacon: 403", fetched, fetched, fetched, $"{site.FirstOrigin} beacon: 202"], await Eventually.UntilAsync(
            () => Task.FromResult(posts.Answers.ToArray()), all => all.Length >= 5, "the page's beacon to be answered", Patience));
        problems.AssertNone();

        // play 0, heartbeat 30, pause 60, stop 90: one stream of 60 s; the refused page's events count nowhere.
        await pipeline.WaitForProcessedAsync(4);
        var day = await pipeline.QueryAsync("from=2026-11-23&to=2026-11-23&granularity=total&groupBy=title");
        Assert.Equal("""{"minutesStreamed":1.00,"uniqueStreams":1}""", Pipeline.Compact(day["totals"]));
        Assert.Equal([TitleId], day["groups"]!.AsArray().Select(g => (string?)g!["key"]));
        Assert.Equal(4, await pipeline.ProcessedAsync());
    }

    [Fact]
    public async Task A_page_over_the_rate_limit_reads_the_429_and_its_Retry_After()
    {
        await using var pipeline = new Pipeline(deps, "webplayer-limit");
        // A bucket of one request, refilled one per 100 s: play is taken, the heartbeat in flight with it is not.
        await using var ingestHost = IngestFor(pipeline, new PostLog(), new()
        {
            ["RateLimits:Ingest:RequestsPerSecond"] = "0.01",
            ["RateLimits:Ingest:Burst"] = "1",
        });
        using var ingest = OverHttp.Serve(ingestHost);
        await using var site = await PlayerPages.StartAsync();
        var key = await IssuePlayerKeyAsync(pipeline, ingest, site.FirstOrigin);
        await using var browser = await chromium.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(PlayerPages.Address(site.FirstOrigin, ingest.BaseAddress!, key, Start, "viewer", TitleId));

        await PlayAsync(page);
        var answers = await AnswersAsync(page, 2);

        Assert.Equal([202, 429], answers.Select(a => (int)a["status"]!).Order());
        var limited = answers.Single(a => (int)a["status"]! == 429);
        Assert.Equal("100", (string?)limited["retryAfter"]);
        Assert.Equal(429, (int)JsonNode.Parse((string)limited["body"]!)!["status"]!);
    }

    /// <summary>
    /// Ingest for the browser: on the pipeline's broker, Redis and namespace, checking keys for real (no test keys),
    /// with the posts it answered logged.
    /// </summary>
    private static WebApplicationFactory<IngestService::Program> IngestFor(Pipeline pipeline, PostLog posts, Dictionary<string, string?>? settings = null) =>
        pipeline.Configure(new WebApplicationFactory<IngestService::Program>(), testTenancy: false).WithWebHostBuilder(builder =>
        {
            foreach (var (name, value) in settings ?? []) builder.UseSetting(name, value);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(posts));
        });

    /// <summary>
    /// As an operator, through the gateway's admin API: a distributor with the title, and a player key for pages of
    /// <paramref name="origin"/>; then waits until ingest (refreshing on its own) allows that origin.
    /// </summary>
    private static async Task<string> IssuePlayerKeyAsync(Pipeline pipeline, HttpClient ingest, string origin)
    {
        var admin = pipeline.Gateway; // no key of its own: the tests' operator key
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "web", name = "Web" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/admin/titles/{TitleId}", new { distributorId = "web" })).StatusCode);
        var created = await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "web player", kind = "player", origins = new[] { origin } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Eventually.UntilAsync(async () =>
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/events/playback");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            return (await ingest.SendAsync(preflight)).StatusCode;
        }, status => status == HttpStatusCode.NoContent, "ingest to allow the new key's origin", TimeSpan.FromSeconds(5));
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
    }

    /// <summary>
    /// What ingest answered to each post, in order, with the page's origin and how it came: a beacon (the key in the
    /// address) or a fetch (the key in the header). The browser gives a page no answer to a beacon, and Playwright
    /// reports none either.
    /// </summary>
    private sealed class PostLog : IStartupFilter
    {
        public ConcurrentQueue<string> Answers { get; } = new();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, service) =>
            {
                await service(http);
                if (HttpMethods.IsPost(http.Request.Method))
                {
                    var how = http.Request.Query.ContainsKey("key") ? "beacon" : "fetch";
                    Answers.Enqueue($"{http.Request.Headers.Origin} {how}: {http.Response.StatusCode}");
                }
            });
            next(app);
        };
    }

    /// <summary>Waits until the page made its video, then presses Play as a viewer does.</summary>
    private static async Task PlayAsync(IPage page)
    {
        await page.WaitForSelectorAsync("body[data-state]", new() { State = WaitForSelectorState.Attached, Timeout = (float)Patience.TotalMilliseconds });
        Assert.Equal("ready", await page.GetAttributeAsync("body", "data-state"));
        await Button(page, "Play").ClickAsync();
    }

    /// <summary>Waits until the page holds <paramref name="count"/> answers, and returns them.</summary>
    private static async Task<JsonObject[]> AnswersAsync(IPage page, int count)
    {
        await page.WaitForFunctionAsync("n => window.answers.length >= n", count, new() { Timeout = (float)Patience.TotalMilliseconds });
        var answers = JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.answers)"))!.AsArray();
        return [.. answers.Select(a => a!.AsObject())];
    }
}
