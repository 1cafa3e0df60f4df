extern alias EngagementService;
extern alias GatewayService;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Integration.Tests;
using Streaming.TestSupport;

namespace Streaming.Dashboard.Tests;

/// <summary>
/// Every service in process on the real broker and Redis under one namespace — ingest, sessionization,
/// subscriptions, engagement ranking — and the gateway on a real Kestrel port a browser can open.
/// </summary>
public sealed class DashboardStage : IAsyncDisposable
{
    private readonly SubscriptionPipeline _subscriptions;
    private WebApplicationFactory<EngagementService::Program>? _engagement;
    private WebApplicationFactory<GatewayService::Program>? _gateway;

    private DashboardStage(RealDependencies deps, string hint) => _subscriptions = new SubscriptionPipeline(deps, "dash-" + hint);

    public Pipeline Pipeline => _subscriptions.Pipeline;

    /// <summary>The gateway's address on loopback, e.g. http://127.0.0.1:41234/.</summary>
    public Uri GatewayAddress { get; private set; } = null!;

    public static async Task<DashboardStage> StartAsync(RealDependencies deps, string hint)
    {
        var stage = new DashboardStage(deps, hint);
        // The events are of November 2026 and the clock is the real one: a ten-year grace keeps the month open on any day.
        stage._engagement = stage.Pipeline.Configure(new WebApplicationFactory<EngagementService::Program>()
            .WithWebHostBuilder(builder => builder.UseSetting("EngagementRanking:FinalityGrace", "3650.00:00:00")));
        var engagement = stage._engagement.CreateClient();
        // Ready includes the bus: the engagement queue is bound before sessionization publishes anything.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); (await engagement.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK;)
        {
            Assert.True(DateTime.UtcNow < deadline, "the engagement service did not get ready within 60 s");
            await Task.Delay(100);
        }
        stage.Pipeline.StartSessionization();
        stage._subscriptions.StartService();

        stage._gateway = stage.Pipeline.Configure(new WebApplicationFactory<GatewayService::Program>());
        // Kestrel on a free loopback port: TestServer is not reachable from a browser.
        stage._gateway.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        stage._gateway.StartServer();
        var addresses = stage._gateway.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        stage.GatewayAddress = new Uri(Assert.Single(addresses));
        return stage;
    }

    public Task PostPlaybackAsync(IEnumerable<object> events) => Pipeline.PostAsync(events);

    public Task PostSubscriptionsAsync(IEnumerable<object> events) => _subscriptions.PostAsync(events);

    public Task WaitForPlaybackAsync(long processed) => Pipeline.WaitForProcessedAsync(processed);

    public Task WaitForSubscriptionsAsync(long processed) => _subscriptions.WaitForProcessedAsync(processed);

    /// <summary>Polls an API answer until it is <paramref name="expected"/> (facts flow on asynchronously), then asserts it.</summary>
    public async Task WaitForAnswerAsync(string pathAndQuery, string expected)
    {
        var want = Pipeline.Compact(JsonNode.Parse(expected));
        var actual = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var response = await Pipeline.Gateway.GetAsync(pathAndQuery);
            actual = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"gateway answered {(int)response.StatusCode}: {actual}");
            actual = Pipeline.Compact(JsonNode.Parse(actual));
            if (actual == want) break;
        }
        Assert.Equal(want, actual);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        await _subscriptions.DisposeAsync();
        if (_engagement is not null) await _engagement.DisposeAsync();
    }
}
