using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Streaming.Ingest.Tests.Subscriptions;
using Streaming.Tenancy;
using static Streaming.Ingest.Tests.Subscriptions.SubscriptionEvents;

namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>
/// Keys and the catalog on ingest, for real (hosts without <see cref="TestTenancy"/>), on the real Redis under a
/// namespace of the test's own: every post needs a key of the right kind, and events outside the catalog are
/// rejected one by one.
/// </summary>
public sealed class IngestKeyTests
{
    private const string Playback = "/v1/events/playback";
    private const string Subscriptions = "/v1/events/subscription";
    private const string NotInCatalog = "not in the catalog (the operator registers it: PUT /v1/admin/{0}/{{id}})";

    /// <summary>An ingest host with recording publishers, and the keys of distributor d-1 (owner of t-1 and ch-1).</summary>
    private sealed class Stage : IDisposable
    {
        private Stage(IngestFactory host, WebApplicationFactory<Program> service, RecordingSubscriptionPublisher subscriptions, Keys keys)
        {
            (Host, SubscriptionPublisher, Issued, Services) = (host, subscriptions, keys, service.Services);
            Client = service.CreateClient();
        }

        public IServiceProvider Services { get; }

        public IngestFactory Host { get; }
        public RecordingSubscriptionPublisher SubscriptionPublisher { get; }
        public Keys Issued { get; }
        public HttpClient Client { get; }

        public static async Task<Stage> StartAsync(string? ns = null)
        {
            var host = new IngestFactory(new Dictionary<string, string?> { ["Pipeline:Namespace"] = ns ?? $"t-keys-{Guid.NewGuid():N}" }, tenancy: false);
            var subscriptions = new RecordingSubscriptionPublisher();
            var service = subscriptions.Replacing(host);
            var services = service.Services;
            var store = services.GetRequiredService<TenancyStore>();
            var access = (await store.CreateDistributorAsync("d-1", "One")) ?? (await store.AddAccessKeyAsync("d-1"))!;
            Assert.True(await store.PutTitlesAsync("d-1", ["t-1"]));
            Assert.True(await store.PutChannelsAsync("d-1", ["ch-1"]));
            var keys = new Keys(
                (await store.AddIngestKeyAsync(KeyKinds.Player, "web player")).Token,
                (await store.AddIngestKeyAsync(KeyKinds.Billing, "billing")).Token,
                access.Token);
            await services.GetRequiredService<TenancyCache>().RefreshAsync();
            return new Stage(host, service, subscriptions, keys);
        }

        public Task<HttpResponseMessage> PostAsync(string route, string body, string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return Client.SendAsync(request);
        }

        public void Dispose() => Host.Dispose();
    }

    private sealed record Keys(string Player, string Billing, string Access);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonNode.Parse(body)!["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("pk_AAAAAAAAAAAAAAAA.secret")]
    public async Task A_post_without_a_valid_key_is_401_problem_and_publishes_nothing(string? key)
    {
        using var stage = await Stage.StartAsync();

        foreach (var (route, body) in new[] { (Playback, Array(Minimal())), (Subscriptions, Array(Subscription())) })
        {
            var response = await stage.PostAsync(route, body, key);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        Assert.Empty(stage.Host.Publisher.Batches);
        Assert.Empty(stage.SubscriptionPublisher.Batches);
    }

    [Fact]
    public async Task The_dashboard_session_cookie_is_not_a_key_for_ingest()
    {
        using var stage = await Stage.StartAsync();
        // A cookie reaches every port of its host, the gateway's session included; ingest acts only on the header.
        using var request = new HttpRequestMessage(HttpMethod.Post, Playback) { Content = new StringContent(Array(Minimal()), Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", $"{Streaming.ServiceDefaults.ClientCredential.SessionCookie}={TestTenancy.OperatorKey}");

        await AssertProblemAsync(await stage.Client.SendAsync(request), HttpStatusCode.Unauthorized);
        Assert.Empty(stage.Host.Publisher.Batches);
    }

    [Fact]
    public async Task A_key_of_a_known_id_with_a_wrong_secret_is_401()
    {
        using var stage = await Stage.StartAsync();
        var keyId = stage.Issued.Player.Split('.')[0];

        await AssertProblemAsync(await stage.PostAsync(Playback, Array(Minimal()), keyId + ".wrong"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await stage.PostAsync(Playback, Array(Minimal()), keyId), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_of_another_kind_is_403_problem()
    {
        using var stage = await Stage.StartAsync();

        await AssertProblemAsync(await stage.PostAsync(Playback, Array(Minimal()), stage.Issued.Billing), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await stage.PostAsync(Playback, Array(Minimal()), stage.Issued.Access), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await stage.PostAsync(Subscriptions, Array(Subscription()), stage.Issued.Player), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await stage.PostAsync(Subscriptions, Array(Subscription()), stage.Issued.Access), HttpStatusCode.Forbidden);
        Assert.Empty(stage.Host.Publisher.Batches);
        Assert.Empty(stage.SubscriptionPublisher.Batches);
    }

    [Fact]
    public async Task Player_key_posts_playback_billing_key_subscriptions_and_the_operator_key_both()
    {
        using var stage = await Stage.StartAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await stage.PostAsync(Playback, Array(Minimal("e-1")), stage.Issued.Player)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await stage.PostAsync(Playback, Array(Minimal("e-2")), TestTenancy.OperatorKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await stage.PostAsync(Subscriptions, Array(Subscription("s-1")), stage.Issued.Billing)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await stage.PostAsync(Subscriptions, Array(Subscription("s-2")), TestTenancy.OperatorKey)).StatusCode);

        Assert.Equal([[MinimalAccepted("e-1")], [MinimalAccepted("e-2")]], stage.Host.Publisher.Batches);
        Assert.Equal([[SubscriptionAccepted("s-1")], [SubscriptionAccepted("s-2")]], stage.SubscriptionPublisher.Batches);
    }

    [Fact]
    public async Task A_player_key_may_come_as_the_key_query_parameter_and_no_other_kind_of_key_may()
    {
        using var stage = await Stage.StartAsync();
        Task<HttpResponseMessage> Beacon(string route, string body, string key) =>
            stage.Client.PostAsync($"{route}?key={Uri.EscapeDataString(key)}", new StringContent(body, Encoding.UTF8, "text/plain"));

        // What navigator.sendBeacon sends: no header, the key in the URL.
        Assert.Equal(HttpStatusCode.Accepted, (await Beacon(Playback, Array(Minimal("e-1")), stage.Issued.Player)).StatusCode);
        // Operator, access and billing keys never travel in URLs: refused there, even where they would be allowed.
        await AssertProblemAsync(await Beacon(Playback, Array(Minimal("e-2")), TestTenancy.OperatorKey), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await Beacon(Playback, Array(Minimal("e-3")), stage.Issued.Access), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await Beacon(Subscriptions, Array(Subscription("s-1")), stage.Issued.Billing), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await Beacon(Playback, Array(Minimal("e-4")), stage.Issued.Player + "x"), HttpStatusCode.Unauthorized);

        Assert.Equal([[MinimalAccepted("e-1")]], stage.Host.Publisher.Batches);
        Assert.Empty(stage.SubscriptionPublisher.Batches);
    }

    [Fact]
    public async Task A_playback_event_for_a_title_outside_the_catalog_is_rejected_alone()
    {
        using var stage = await Stage.StartAsync();

        var response = await stage.PostAsync(Playback, Array(Minimal("e-0"), Minimal("e-1", titleId: "t-9"), Minimal("e-2")), stage.Issued.Player);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonAssert.Equal(
            $$"""{"accepted":2,"rejectedCount":1,"rejectedOmitted":0,"rejected":[{"index":1,"errors":["titleId: {{string.Format(NotInCatalog, "titles")}}"]}]}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal([MinimalAccepted("e-0"), MinimalAccepted("e-2")], Assert.Single(stage.Host.Publisher.Batches));
    }

    [Fact]
    public async Task A_subscription_event_for_a_channel_outside_the_catalog_is_rejected_alone()
    {
        using var stage = await Stage.StartAsync();

        var response = await stage.PostAsync(Subscriptions,
            Array(Subscription("s-0", channelId: "ch-9"), Subscription("s-1"), Subscription("s-2", type: "cancelled")), stage.Issued.Billing);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonAssert.Equal(
            $$"""{"accepted":2,"rejectedCount":1,"rejectedOmitted":0,"rejected":[{"index":0,"errors":["channelId: {{string.Format(NotInCatalog, "channels")}}"]}]}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal([SubscriptionAccepted("s-1"), SubscriptionAccepted("s-2", type: "cancelled")], Assert.Single(stage.SubscriptionPublisher.Batches));
    }

    [Fact]
    public async Task A_key_revoked_through_another_instance_is_refused_within_5_seconds()
    {
        var ns = $"t-keys-{Guid.NewGuid():N}";
        using var revoking = await Stage.StartAsync(ns);
        using var serving = await Stage.StartAsync(ns);
        var player = serving.Issued.Player;
        Assert.Equal(HttpStatusCode.Accepted, (await serving.PostAsync(Playback, Array(Minimal()), player)).StatusCode);

        Assert.True(await revoking.Services.GetRequiredService<TenancyStore>().RevokeKeyAsync(player.Split('.')[0]));

        await Eventually.UntilAsync(
            async () => (await serving.PostAsync(Playback, Array(Minimal()), player)).StatusCode,
            status => status == HttpStatusCode.Unauthorized, "the other instance to refuse the revoked key", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Probes_need_no_key()
    {
        using var stage = await Stage.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await stage.Client.GetAsync("/alive")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await stage.Client.GetAsync("/health/ready")).StatusCode);
    }
}
