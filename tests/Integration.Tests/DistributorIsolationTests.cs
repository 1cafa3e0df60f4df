extern alias EngagementService;
using System.Globalization;
using System.Net.Http.Json;
using Streaming.Tenancy;

namespace Streaming.Integration.Tests;

/// <summary>
/// Two distributors on one system, set up as an operator does (the admin API), their traffic posted through ingest
/// and counted by every service on the real broker and Redis. Then every gateway route of the OpenAPI document is
/// called with distributor alpha's access key: nothing of bravo appears (ids, names, totals, rows, CSV lines, live
/// messages), alpha's numbers are exact, and bravo's ids answer 404 exactly as ids that exist nowhere. A route the
/// document gains and this test does not know fails it, so a new route cannot skip the check.
/// </summary>
public sealed class DistributorIsolationTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    /// <summary>Every id, name and key of bravo contains this (case-insensitive); no answer to alpha may.</summary>
    private const string BravoMark = "bravo";

    /// <summary>
    /// alpha (titles movie, doc, e1 and e2 of season s1; channel alpha-plus) watches what EngagementEndToEndTests'
    /// October does, on one day, all prime and US unless said: movie c1 tv 3,600 s + c1 web 30 s + c2 60 s (US prime,
    /// 2 customers, 3,690 s), tvod c6 90 s, FR c7 3,600 s; s1: c3 e1 30 s, c4 e2 240 s (2 customers, 270 s); doc c5
    /// 1,200 s. In all 8,850 s = 147.50 min, 8 streams; per title movie 7,380 s = 123.00 min and 5 streams, doc 20.00
    /// (1), e1 0.50 (1), e2 4.00 (1).
    /// bravo (title bravo-film, bravo-ep1 of season bravo-s; channel bravo-max): c8 bravo-film 3,600 s, c9 bravo-ep1
    /// 240 s: 64.00 min, 2 streams, so the operator sees 211.50 min and 10 streams.
    /// </summary>
    private static List<JsonObject> Playback(DateTimeOffset day) =>
    [
        .. Watch("c1", "tv", "movie", day, 30),
        .. Watch("c1", "web", "movie", day.AddHours(2), 0, last: 30),
        .. Watch("c2", "phone", "movie", day, 0, last: 60),
        .. Watch("c3", "tv", "e1", day, 0, last: 30, season: "s1"),
        .. Watch("c4", "tv", "e2", day, 2, season: "s1"),
        .. Watch("c5", "tv", "doc", day, 10),
        .. Watch("c6", "tv", "movie", day, 0, last: 90, offer: "tvod"),
        .. Watch("c7", "tv", "movie", day, 30, marketplace: "FR"),
        .. Watch("c8", "tv", "bravo-film", day, 30),
        .. Watch("c9", "tv", "bravo-ep1", day, 2, season: "bravo-s"),
    ];

    /// <summary>
    /// alpha-plus: ann starts a trial, ben a trial and then pays: 2 trial starts, 1 conversion, 1 active trial and 1
    /// active paid. bravo-max: cat starts a trial and pays: 1 and 1 (the operator's live view: 3 trial starts, 2 conversions).
    /// </summary>
    private static List<JsonObject> Subscriptions(DateTimeOffset day) =>
    [
        SubscriptionEvents.Sub("t-ann", "trial_started", Iso(day.AddHours(-1)), "ann", "alpha-plus"),
        SubscriptionEvents.Sub("t-ben", "trial_started", Iso(day.AddMinutes(-30)), "ben", "alpha-plus"),
        SubscriptionEvents.Sub("p-ben", "paid_started", Iso(day.AddHours(1)), "ben", "alpha-plus"),
        SubscriptionEvents.Sub("t-cat", "trial_started", Iso(day.AddHours(-1)), "cat", "bravo-max"),
        SubscriptionEvents.Sub("p-cat", "paid_started", Iso(day.AddHours(1)), "cat", "bravo-max"),
    ];

    /// <summary>
    /// US, ranked among all five units (N − 1 = 4) by customers, then minutes: movie (2, 61.50) 100, s1 (2, 4.50) 75,
    /// bravo-film (1, 60.00) 50, doc (1, 20.00) 25, bravo-s (1, 4.00) 0. alpha sees its three with their CER among five
    /// (alone they would rank 100, 50, 0). US rate 0.04 + 0.06 × CER/100 per hour: movie 1.025 h × 0.10 = 0.1025 →
    /// 0.10; s1 0.075 h × 0.085 = 0.006375 → 0.01; doc 1/3 h × 0.055 = 0.01833 → 0.02.
    /// </summary>
    private const string AlphaUs = """
        {"territory":"US","final":false,"lateFactsIgnored":0,"units":[
         {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":2,"minutesStreamed":61.50,"hoursStreamed":1.03,"estimatedRoyalty":0.10,"currency":"USD"},
         {"unitId":"s1","kind":"season","cer":75,"distinctCustomers":2,"minutesStreamed":4.50,"hoursStreamed":0.08,"estimatedRoyalty":0.01,"currency":"USD"},
         {"unitId":"doc","kind":"title","cer":25,"distinctCustomers":1,"minutesStreamed":20.00,"hoursStreamed":0.33,"estimatedRoyalty":0.02,"currency":"USD"}]}
        """;

    [Fact]
    public async Task Every_gateway_route_shows_a_distributor_its_own_numbers_only_and_answers_404_for_the_others_ids()
    {
        var clock = new FakeTimeProvider(EveningOfToday(DateTimeOffset.UtcNow));
        var day = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddHours(18), TimeSpan.Zero);
        await using var stage = await Stage.StartAsync(deps, clock);
        var alpha = await stage.DistributorAsync("alpha", "Alpha Films", titles: ["movie", "doc", "e1", "e2"], channels: ["alpha-plus"]);
        var bravo = await stage.DistributorAsync("bravo", "Bravo Pictures", titles: ["bravo-film", "bravo-ep1"], channels: ["bravo-max"]);
        await stage.IngestSeesCatalogAsync();

        var playback = Playback(day);
        await stage.Pipeline.PostAsync(playback);
        await stage.Subscriptions.PostAsync(Subscriptions(day));
        await stage.Pipeline.WaitForProcessedAsync(playback.Count);
        await stage.Subscriptions.WaitForProcessedAsync(5);
        var month = day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The operator sees both distributors: five units ranked, bravo's among them.
        await stage.Pipeline.WaitForAnswerAsync($"/v1/metrics/engagement?month={month}&territory=US", $$"""
            {"month":"{{month}}","territory":"US","final":false,"lateFactsIgnored":0,"units":[
             {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":2,"minutesStreamed":61.50,"hoursStreamed":1.03,"estimatedRoyalty":0.10,"currency":"USD"},
             {"unitId":"s1","kind":"season","cer":75,"distinctCustomers":2,"minutesStreamed":4.50,"hoursStreamed":0.08,"estimatedRoyalty":0.01,"currency":"USD"},
             {"unitId":"bravo-film","kind":"title","cer":50,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.07,"currency":"USD"},
             {"unitId":"doc","kind":"title","cer":25,"distinctCustomers":1,"minutesStreamed":20.00,"hoursStreamed":0.33,"estimatedRoyalty":0.02,"currency":"USD"},
             {"unitId":"bravo-s","kind":"season","cer":0,"distinctCustomers":1,"minutesStreamed":4.00,"hoursStreamed":0.07,"estimatedRoyalty":0.00,"currency":"USD"}]}
            """);

        using var asAlpha = stage.Pipeline.GatewayClient(alpha);
        var checks = new AlphaChecks(asAlpha, month, date);
        var routes = await stage.DocumentedRoutesAsync();
        var unknown = routes.Where(r => !checks.Covers(r)).ToList();
        Assert.True(unknown.Count == 0, $"routes this test does not check yet: {string.Join(", ", unknown)}");
        foreach (var route in routes)
        {
            await checks.RunAsync(route);
        }

        // The checks are not blind: the operator's key reads bravo's numbers on the same routes.
        var all = await stage.Pipeline.QueryAsync($"from={date}&to={date}&granularity=total&groupBy=title");
        JsonAssert.Equal("""{"minutesStreamed":211.50,"uniqueStreams":10}""", all["totals"]);
        await using var operatorLive = await LiveStream.OpenAsync(stage.Pipeline.Gateway, "/v1/live");
        JsonAssert.Equal($$"""{"date":"{{date}}","minutesStreamed":211.50,"uniqueStreams":10,"trialStarts":3,"paidConversions":2}""",
            JsonNode.Parse(await operatorLive.NextAsync())!["today"]);
        // And bravo, the other way round, sees its own and not alpha's.
        using var asBravo = stage.Pipeline.GatewayClient(bravo);
        var bravoTitles = await asBravo.GetStringAsync("/v1/titles");
        JsonAssert.Equal("""{"titles":[{"titleId":"bravo-ep1","minutesStreamed":4.00,"uniqueStreams":1},{"titleId":"bravo-film","minutesStreamed":60.00,"uniqueStreams":1}]}""", bravoTitles);
        Assert.Equal(HttpStatusCode.NotFound, (await asBravo.GetAsync("/v1/metrics/channels/alpha-plus")).StatusCode);
    }

    /// <summary>
    /// The clock of the test: today (UTC) at 21:00 or later, so the traffic of 18:00 to 20:01 is in the past and on the
    /// same date; never behind the real time by more than the five minutes before midnight, so what Redis expires
    /// on its own clock keeps its meaning.
    /// </summary>
    private static DateTimeOffset EveningOfToday(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var earliest = day.AddHours(21);
        var latest = day.AddDays(1) - TodayClock.Margin;
        return now < earliest ? earliest : now > latest ? latest : now;
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static List<JsonObject> Watch(
        string customer, string device, string title, DateTimeOffset start, int heartbeats, int? last = null,
        string? season = null, string offer = "prime", string marketplace = "US") =>
        EngagementEndToEndTests.Watch(customer, device, title, start, heartbeats, last, season, offer, marketplace);

    /// <summary>What alpha's key gets on each documented route, and the routes that take ids answering 404 for bravo's.</summary>
    private sealed class AlphaChecks(HttpClient alpha, string month, string date)
    {
        private readonly Dictionary<string, Func<Task>> _checks = new(StringComparer.Ordinal)
        {
            ["GET /v1/metrics/performance"] = async () =>
            {
                var range = $"from={date}&to={date}";
                JsonAssert.Equal("""{"minutesStreamed":147.50,"uniqueStreams":8}""",
                    (await Json(alpha, $"/v1/metrics/performance?{range}&granularity=total"))["totals"]);
                var byTitle = await Json(alpha, $"/v1/metrics/performance?{range}&granularity=total&groupBy=title");
                JsonAssert.Equal("""{"minutesStreamed":147.50,"uniqueStreams":8}""", byTitle["totals"]);
                JsonAssert.Equal("""
                    [{"key":"doc","totals":{"minutesStreamed":20.00,"uniqueStreams":1}},{"key":"e1","totals":{"minutesStreamed":0.50,"uniqueStreams":1}},
                     {"key":"e2","totals":{"minutesStreamed":4.00,"uniqueStreams":1}},{"key":"movie","totals":{"minutesStreamed":123.00,"uniqueStreams":5}}]
                    """, new JsonArray([.. byTitle["groups"]!.AsArray().Select(g => new JsonObject { ["key"] = g!["key"]!.DeepClone(), ["totals"] = g["totals"]!.DeepClone() })]));
                var byOffer = await Json(alpha, $"/v1/metrics/performance?{range}&granularity=hour&groupBy=offer");
                JsonAssert.Equal("""{"minutesStreamed":147.50,"uniqueStreams":8}""", byOffer["totals"]);
                var byMarketplace = await Json(alpha, $"/v1/metrics/performance?{range}&granularity=day&groupBy=marketplace&offer=prime");
                JsonAssert.Equal("""{"minutesStreamed":146.00,"uniqueStreams":7}""", byMarketplace["totals"]);
                var csv = await Text(alpha, $"/v1/metrics/performance?{range}&granularity=total&groupBy=title&format=csv");
                Assert.Equal(5, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and alpha's four titles
                await NotFoundLikeNowhereAsync(alpha, "/v1/metrics/performance?titleId={0}", "titleId", "bravo-film");
                await NotFoundLikeNowhereAsync(alpha, "/v1/metrics/performance?titleId=movie&titleId={0}&groupBy=title", "titleId", "bravo-ep1");
            },
            ["GET /v1/titles"] = async () => JsonAssert.Equal("""
                {"titles":[{"titleId":"doc","minutesStreamed":20.00,"uniqueStreams":1},{"titleId":"e1","minutesStreamed":0.50,"uniqueStreams":1},
                 {"titleId":"e2","minutesStreamed":4.00,"uniqueStreams":1},{"titleId":"movie","minutesStreamed":123.00,"uniqueStreams":5}]}
                """, await Text(alpha, "/v1/titles")),
            ["GET /v1/metrics/engagement"] = async () =>
            {
                var us = await Json(alpha, $"/v1/metrics/engagement?month={month}&territory=US");
                us.Remove("month");
                JsonAssert.Equal(AlphaUs, us);
                var fr = await Json(alpha, $"/v1/metrics/engagement?month={month}&territory=FR");
                JsonAssert.Equal("""[{"unitId":"movie","kind":"title","cer":null,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.05,"currency":"EUR"}]""", fr["units"]);
            },
            ["GET /v1/reports/earnings"] = async () => Assert.Equal(
                "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency\r\n" +
                $"{month},FR,movie,prime,1,1.00,,0.05,EUR\r\n" +
                $"{month},US,doc,prime,1,0.33,25,0.02,USD\r\n" +
                $"{month},US,movie,prime,3,1.03,100,0.10,USD\r\n" +
                $"{month},US,movie,tvod,1,0.03,,,\r\n" +
                $"{month},US,s1,prime,2,0.08,75,0.01,USD\r\n",
                await Text(alpha, $"/v1/reports/earnings?month={month}")),
            ["GET /v1/metrics/channels"] = async () => JsonAssert.Equal(
                """{"channels":[{"channelId":"alpha-plus","activeTrial":1,"activePaid":1}]}""", await Text(alpha, "/v1/metrics/channels")),
            ["GET /v1/metrics/channels/{channelId}"] = async () =>
            {
                var totals = (await Json(alpha, $"/v1/metrics/channels/alpha-plus?from={date}&to={date}&granularity=total"))["totals"]!.AsObject();
                Assert.Equal(1m, (decimal)totals["conversionRate"]!); // 1 ÷ (1 + 0)
                totals.Remove("conversionRate");
                JsonAssert.Equal("""{"trialStarts":2,"paidConversions":1,"cancellations":0,"trialCancellations":0,"paidCancellations":0}""", totals);
                await Text(alpha, $"/v1/metrics/channels/alpha-plus?from={date}&to={date}&format=csv");
                await NotFoundLikeNowhereAsync(alpha, "/v1/metrics/channels/{0}", "channelId", "bravo-max");
            },
            ["GET /v1/live"] = async () =>
            {
                await using (var all = await LiveStream.OpenAsync(alpha, "/v1/live"))
                {
                    var message = JsonNode.Parse(await NoBravo(all.NextAsync()))!;
                    JsonAssert.Equal($$"""{"date":"{{date}}","minutesStreamed":147.50,"uniqueStreams":8,"trialStarts":2,"paidConversions":1}""", message["today"]);
                    JsonAssert.Equal("[]", message["titleIds"]);
                }
                await using (var movie = await LiveStream.OpenAsync(alpha, "/v1/live?titleId=movie&channelId=alpha-plus"))
                {
                    JsonAssert.Equal($$"""{"date":"{{date}}","minutesStreamed":123.00,"uniqueStreams":5,"trialStarts":2,"paidConversions":1}""",
                        JsonNode.Parse(await NoBravo(movie.NextAsync()))!["today"]);
                }
                await NotFoundLikeNowhereAsync(alpha, "/v1/live?titleId={0}", "titleId", "bravo-film");
                await NotFoundLikeNowhereAsync(alpha, "/v1/live?channelId={0}", "channelId", "bravo-max");
            },
            ["GET /v1/session"] = async () => JsonAssert.Equal("""{"distributorId":"alpha"}""", await Text(alpha, "/v1/session")),
            ["POST /v1/session"] = async () =>
            {
                // Signing in with alpha's key in the body: the answer names alpha alone.
                var key = alpha.DefaultRequestHeaders.Authorization!.Parameter!;
                using var signIn = await alpha.PostAsJsonAsync("/v1/session", new { key });
                Assert.True(signIn.IsSuccessStatusCode, $"sign-in answered {(int)signIn.StatusCode}");
                await NoBravo(signIn.Content.ReadAsStringAsync());
            },
            ["DELETE /v1/session"] = async () =>
            {
                using var signOut = await alpha.DeleteAsync("/v1/session");
                Assert.True(signOut.IsSuccessStatusCode, $"sign-out answered {(int)signOut.StatusCode}");
                await NoBravo(signOut.Content.ReadAsStringAsync());
            },
        };

        public bool Covers(string route) => route.StartsWith("GET /v1/admin/", StringComparison.Ordinal) ||
                                            route.Split(' ')[1].StartsWith("/v1/admin/", StringComparison.Ordinal) ||
                                            _checks.ContainsKey(route);

        public async Task RunAsync(string route)
        {
            if (route.Split(' ')[1].StartsWith("/v1/admin/", StringComparison.Ordinal))
            {
                // The admin API is the operator's: an access key gets 403 on every admin route, bravo's ids or not.
                var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
                using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{distributorId}", "bravo")
                    .Replace("{titleId}", "bravo-film").Replace("{channelId}", "bravo-max").Replace("{keyId}", "ak_bravo"));
                if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { distributorId = "alpha", name = "x", kind = "player" });
                using var answer = await alpha.SendAsync(request);
                Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{route} answered alpha {(int)answer.StatusCode}");
                await NoBravo(answer.Content.ReadAsStringAsync());
                return;
            }
            await _checks[route]();
        }
    }

    private static async Task<string> NoBravo(Task<string> body)
    {
        var text = await body;
        Assert.DoesNotContain(BravoMark, text, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    private static async Task<string> Text(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body}");
        return await NoBravo(Task.FromResult(body));
    }

    private static async Task<JsonObject> Json(HttpClient client, string url) => JsonNode.Parse(await Text(client, url))!.AsObject();

    /// <summary>
    /// <paramref name="urlFormat"/> with bravo's id answers 404 problem+json naming <paramref name="field"/>, and the
    /// same answer, word for word but the id, as with an id that exists nowhere.
    /// </summary>
    private static async Task NotFoundLikeNowhereAsync(HttpClient client, string urlFormat, string field, string bravoId)
    {
        var theirs = await ProblemAsync(client, string.Format(CultureInfo.InvariantCulture, urlFormat, bravoId));
        var nowhere = await ProblemAsync(client, string.Format(CultureInfo.InvariantCulture, urlFormat, "no-such-id"));
        Assert.NotNull(theirs["errors"]?[field]);
        Assert.Equal(nowhere.ToJsonString().Replace("no-such-id", "{id}"), theirs.ToJsonString().Replace(bravoId, "{id}"));

        static async Task<JsonObject> ProblemAsync(HttpClient client, string url)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            return problem;
        }
    }

    /// <summary>Every service in process under one namespace: ingest, sessionization, subscriptions, engagement ranking, gateway.</summary>
    private sealed class Stage : IAsyncDisposable
    {
        private WebApplicationFactory<EngagementService::Program> _engagement = null!;

        private Stage(RealDependencies deps, FakeTimeProvider clock) =>
            Subscriptions = new SubscriptionPipeline(deps, new Pipeline(deps, "isolation", clock));

        public SubscriptionPipeline Subscriptions { get; }

        public Pipeline Pipeline => Subscriptions.Pipeline;

        public static async Task<Stage> StartAsync(RealDependencies deps, FakeTimeProvider clock)
        {
            var stage = new Stage(deps, clock);
            stage._engagement = stage.Pipeline.Configure(new WebApplicationFactory<EngagementService::Program>());
            // Ready includes the bus: the engagement queue is bound before sessionization publishes anything.
            await Probes.WaitUntilReadyAsync(stage._engagement.CreateClient(), "the engagement service");
            stage.Pipeline.StartSessionization();
            stage.Subscriptions.StartService();
            return stage;
        }

        /// <summary>Creates a distributor with the admin API (the tests' operator key), puts its titles and channels in the catalog; its access key.</summary>
        public async Task<string> DistributorAsync(string id, string name, string[] titles, string[] channels)
        {
            var admin = Pipeline.Gateway;
            var created = await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = id, name });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            foreach (var title in titles)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/admin/titles/{title}", new { distributorId = id })).StatusCode);
            }
            foreach (var channel in channels)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/admin/channels/{channel}", new { distributorId = id })).StatusCode);
            }
            return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["accessKey"]!;
        }

        /// <summary>Ingest reloads the catalog now rather than at its next poll (the tests' step would otherwise file the titles under its own distributor).</summary>
        public Task IngestSeesCatalogAsync() => Pipeline.IngestServices.GetRequiredService<TenancyCache>().RefreshAsync();

        /// <summary>"METHOD path" of every operation in the gateway's OpenAPI document.</summary>
        public async Task<List<string>> DocumentedRoutesAsync()
        {
            var document = JsonNode.Parse(await Pipeline.Gateway.GetStringAsync("/openapi/v1.json"))!;
            return document["paths"]!.AsObject()
                .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        public async ValueTask DisposeAsync()
        {
            await Subscriptions.DisposeAsync();
            await _engagement.DisposeAsync();
        }
    }
}
