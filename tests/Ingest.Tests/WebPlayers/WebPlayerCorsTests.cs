using Microsoft.AspNetCore.Mvc.Testing;
using Streaming.Ingest.Tests.Endpoints;
using Streaming.Ingest.Tests.Subscriptions;
using Streaming.Tenancy;
using static Streaming.Ingest.Tests.Subscriptions.SubscriptionEvents;

namespace Streaming.Ingest.Tests.WebPlayers;

/// <summary>
/// CORS of ingest for web players, on hosts that check keys for real (no <see cref="TestTenancy"/>) on the real Redis:
/// preflights answered from the origins of the player keys, answers a page may read (202, 400, 401, 403, 413, 429,
/// 503) carrying the headers for an allowed origin only, and none on the billing route.
/// </summary>
public sealed class WebPlayerCorsTests
{
    private const string Playback = "/v1/events/playback";
    private const string Subscriptions = "/v1/events/subscription";
    private const string Page = "https://player.example";
    private const string OtherPage = "https://elsewhere.example";

    /// <summary>
    /// An ingest host with recording publishers under a namespace of its own: distributor d-1 owns t-1 and ch-1, a
    /// player key <see cref="PageKey"/> allows <see cref="Page"/> only, and a billing key.
    /// </summary>
    private sealed class Stage : IDisposable
    {
        private readonly IngestFactory _host;

        private Stage(IngestFactory host, WebApplicationFactory<Program> service, RecordingSubscriptionPublisher subscriptions)
        {
            (_host, Services, SubscriptionPublisher) = (host, service.Services, subscriptions);
            Client = service.CreateClient();
        }

        public IServiceProvider Services { get; }
        public RecordingPublisher Publisher => _host.Publisher;
        public RecordingSubscriptionPublisher SubscriptionPublisher { get; }
        public HttpClient Client { get; }
        public string PageKey { get; private set; } = "";
        public string BillingKey { get; private set; } = "";

        public static async Task<Stage> StartAsync(string? ns = null, IReadOnlyDictionary<string, string?>? settings = null)
        {
            var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Pipeline:Namespace"] = ns ?? $"t-cors-{Guid.NewGuid():N}",
            };
            var host = new IngestFactory(all, tenancy: false);
            var subscriptions = new RecordingSubscriptionPublisher();
            var stage = new Stage(host, subscriptions.Replacing(host), subscriptions);
            var store = stage.Services.GetRequiredService<TenancyStore>();
            await store.CreateDistributorAsync("d-1", "One");
            Assert.True(await store.PutTitlesAsync("d-1", ["t-1"]));
            Assert.True(await store.PutChannelsAsync("d-1", ["ch-1"]));
            stage.PageKey = await stage.IssueAsync(KeyKinds.Player, [Page]);
            stage.BillingKey = await stage.IssueAsync(KeyKinds.Billing);
            return stage;
        }

        public async Task<string> IssueAsync(string kind, IReadOnlyList<string>? origins = null)
        {
            var issued = await Services.GetRequiredService<TenancyStore>().AddIngestKeyAsync(kind, "web", origins);
            await Services.GetRequiredService<TenancyCache>().RefreshAsync();
            return issued.Token;
        }

        /// <summary>What a browser sends before a POST with Authorization and Content-Type: application/json.</summary>
        public Task<HttpResponseMessage> PreflightAsync(string origin, string? queryKey = null, string route = Playback, string method = "POST")
        {
            var request = new HttpRequestMessage(HttpMethod.Options, queryKey is null ? route : $"{route}?key={Uri.EscapeDataString(queryKey)}");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", method);
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return Client.SendAsync(request);
        }

        public Task<HttpResponseMessage> PostAsync(string? origin, string? bearer, string body, string route = Playback)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (origin is not null) request.Headers.Add("Origin", origin);
            if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
            return Client.SendAsync(request);
        }

        public void Dispose() => _host.Dispose();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>The answer lets a page of <paramref name="origin"/> read it, Retry-After included.</summary>
    private static void AssertReadableBy(HttpResponseMessage response, string origin)
    {
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("Retry-After", Header(response, "Access-Control-Expose-Headers"));
        Assert.Contains("Origin", Header(response, "Vary") ?? "");
        Assert.Null(Header(response, "Access-Control-Allow-Credentials")); // keys travel in headers, never in cookies
    }

    private static void AssertNoCors(HttpResponseMessage response) =>
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_preflight_without_key_is_allowed_for_an_origin_a_player_key_allows_and_refused_for_another()
    {
        using var stage = await Stage.StartAsync();

        var allowed = await stage.PreflightAsync(Page);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Page, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("POST", Header(allowed, "Access-Control-Allow-Methods"));
        Assert.Equal("Authorization, Content-Type", Header(allowed, "Access-Control-Allow-Headers"));
        Assert.Equal("600", Header(allowed, "Access-Control-Max-Age"));
        Assert.Equal("Origin", Header(allowed, "Vary"));

        var refused = await stage.PreflightAsync(OtherPage);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        AssertNoCors(refused);
        // Only POST is offered.
        AssertNoCors(await stage.PreflightAsync(Page, method: "PUT"));

        // A player key without origins allows every page.
        await stage.IssueAsync(KeyKinds.Player);
        Assert.Equal(OtherPage, Header(await stage.PreflightAsync(OtherPage), "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_with_the_key_parameter_is_allowed_only_for_the_origins_of_that_player_key()
    {
        using var stage = await Stage.StartAsync();
        var open = await stage.IssueAsync(KeyKinds.Player);

        Assert.Equal(Page, Header(await stage.PreflightAsync(Page, stage.PageKey), "Access-Control-Allow-Origin"));
        Assert.Equal(OtherPage, Header(await stage.PreflightAsync(OtherPage, open), "Access-Control-Allow-Origin"));
        // Another page may not use the restricted key, although the open key would let it post.
        var refused = await stage.PreflightAsync(OtherPage, stage.PageKey);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        AssertNoCors(refused);
        // Keys that are no player keys, unknown ones and a revoked one open nothing.
        AssertNoCors(await stage.PreflightAsync(Page, stage.BillingKey));
        AssertNoCors(await stage.PreflightAsync(Page, TestTenancy.OperatorKey));
        AssertNoCors(await stage.PreflightAsync(Page, stage.PageKey + "x"));
        Assert.True(await stage.Services.GetRequiredService<TenancyStore>().RevokeKeyAsync(stage.PageKey.Split('.')[0]));
        await stage.Services.GetRequiredService<TenancyCache>().RefreshAsync();
        AssertNoCors(await stage.PreflightAsync(Page, stage.PageKey));
    }

    [Fact]
    public async Task A_new_player_key_opens_its_origin_on_another_instance_within_5_seconds()
    {
        var ns = $"t-cors-{Guid.NewGuid():N}";
        using var serving = await Stage.StartAsync(ns);
        using var issuing = await Stage.StartAsync(ns);
        AssertNoCors(await serving.PreflightAsync(OtherPage));

        var key = await issuing.IssueAsync(KeyKinds.Player, [OtherPage]);

        await Eventually.UntilAsync(async () => Header(await serving.PreflightAsync(OtherPage), "Access-Control-Allow-Origin"),
            allowed => allowed == OtherPage, "the other instance to allow the new key's origin", TimeSpan.FromSeconds(5));
        AssertReadableBy(await serving.PostAsync(OtherPage, key, Array(Minimal("e-1"))), OtherPage);
    }

    [Fact]
    public async Task A_post_from_an_allowed_origin_is_readable_by_that_page_and_one_from_another_is_refused_unread()
    {
        using var stage = await Stage.StartAsync();

        var accepted = await stage.PostAsync(Page, stage.PageKey, Array(Minimal("e-1"), Minimal("e-2", titleId: "t-9")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        AssertReadableBy(accepted, Page);
        Assert.Equal(1, JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["accepted"]!.GetValue<int>());

        var refused = await stage.PostAsync(OtherPage, stage.PageKey, Array(Minimal("e-3")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        AssertNoCors(refused);
        // The same key with the beacon's query parameter: refused too.
        using var beacon = new HttpRequestMessage(HttpMethod.Post, $"{Playback}?key={Uri.EscapeDataString(stage.PageKey)}")
        {
            Content = new StringContent(Array(Minimal("e-4")), Encoding.UTF8, "text/plain"),
        };
        beacon.Headers.Add("Origin", OtherPage);
        Assert.Equal(HttpStatusCode.Forbidden, (await stage.Client.SendAsync(beacon)).StatusCode);

        // A server (no Origin) posts as before and gets no CORS headers.
        var server = await stage.PostAsync(null, stage.PageKey, Array(Minimal("e-5")));
        Assert.Equal(HttpStatusCode.Accepted, server.StatusCode);
        AssertNoCors(server);

        Assert.Equal([[MinimalAccepted("e-1")], [MinimalAccepted("e-5")]], stage.Publisher.Batches);
    }

    [Fact]
    public async Task Problems_of_a_player_key_and_of_a_wrong_key_are_readable_by_the_page_and_the_operator_key_gets_no_cors()
    {
        using var stage = await Stage.StartAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxEventsPerRequest"] = "1" });

        var invalid = await stage.PostAsync(Page, stage.PageKey, "{");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        AssertReadableBy(invalid, Page);
        var tooMany = await stage.PostAsync(Page, stage.PageKey, Array(Minimal("e-1"), Minimal("e-2")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        AssertReadableBy(tooMany, Page);

        // A page must see that its key is wrong, whatever its origin: these bodies say no more than that.
        foreach (var (key, status) in new (string?, HttpStatusCode)[]
                 {
                     (null, HttpStatusCode.Unauthorized), ("pk_nobody.secret", HttpStatusCode.Unauthorized), (stage.BillingKey, HttpStatusCode.Forbidden),
                 })
        {
            var wrong = await stage.PostAsync(OtherPage, key, Array(Minimal("e-3")));
            Assert.Equal(status, wrong.StatusCode);
            Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
            AssertReadableBy(wrong, OtherPage);
        }

        // The operator key belongs in no page.
        var operatorPost = await stage.PostAsync(Page, TestTenancy.OperatorKey, Array(Minimal("e-4")));
        Assert.Equal(HttpStatusCode.Accepted, operatorPost.StatusCode);
        AssertNoCors(operatorPost);
        Assert.Equal([[MinimalAccepted("e-4")]], stage.Publisher.Batches);
    }

    [Fact]
    public async Task A_503_of_the_broker_is_readable_by_the_page_with_its_Retry_After()
    {
        using var stage = await Stage.StartAsync(settings: new Dictionary<string, string?> { ["Ingest:RetryAfterSeconds"] = "7" });
        stage.Publisher.Confirm = _ => Task.FromException(new InvalidOperationException("broker unreachable"));

        var unavailable = await stage.PostAsync(Page, stage.PageKey, Array(Minimal()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal("7", Header(unavailable, "Retry-After"));
        AssertReadableBy(unavailable, Page);
    }

    [Fact]
    public async Task A_429_is_readable_by_the_page_and_exposes_Retry_After()
    {
        // A bucket of 2 refilled one request per 100 s: the third post is over the limit.
        using var stage = await Stage.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:Ingest:RequestsPerSecond"] = "0.01",
            ["RateLimits:Ingest:Burst"] = "2",
        });

        Assert.Equal(HttpStatusCode.Accepted, (await stage.PostAsync(Page, stage.PageKey, Array(Minimal("e-1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await stage.PostAsync(Page, stage.PageKey, Array(Minimal("e-2")))).StatusCode);
        var limited = await stage.PostAsync(Page, stage.PageKey, Array(Minimal("e-3")));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("100", Header(limited, "Retry-After"));
        AssertReadableBy(limited, Page);
    }

    [Fact]
    public async Task The_billing_route_answers_no_cors()
    {
        using var stage = await Stage.StartAsync();
        await stage.IssueAsync(KeyKinds.Player); // every origin has a player key: still nothing for billing

        var preflight = await stage.PreflightAsync(Page, route: Subscriptions);
        Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
        AssertNoCors(preflight);
        var posted = await stage.PostAsync(Page, stage.BillingKey, Array(Subscription("s-1")), Subscriptions);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        AssertNoCors(posted);
        var unauthorized = await stage.PostAsync(Page, null, Array(Subscription("s-2")), Subscriptions);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        AssertNoCors(unauthorized);
        Assert.Equal([[SubscriptionAccepted("s-1")]], stage.SubscriptionPublisher.Batches);
    }

    [Fact]
    public async Task A_player_key_stored_before_origins_existed_allows_every_origin()
    {
        var ns = $"t-cors-{Guid.NewGuid():N}";
        using var stage = await Stage.StartAsync(ns);
        const string Secret = "an-old-secret-of-a-key-issued-before-origins";
        // The stored form of a player key as the version before origins wrote it.
        var old = $$"""{"kind":"player","name":"old web player","secretSha256":"{{AccessToken.HashHex(Secret)}}","createdAt":"2026-01-01T00:00:00+00:00"}""";
        var redis = stage.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var keys = new TenancyKeys(ns + ".");
        await redis.HashSetAsync(keys.Keys, "pk_old", old);
        await redis.StringIncrementAsync(keys.Version);
        await stage.Services.GetRequiredService<TenancyCache>().RefreshAsync();

        var posted = await stage.PostAsync(OtherPage, "pk_old." + Secret, Array(Minimal("e-1")));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        AssertReadableBy(posted, OtherPage);
        Assert.Equal(OtherPage, Header(await stage.PreflightAsync(OtherPage, "pk_old." + Secret), "Access-Control-Allow-Origin"));
    }
}
