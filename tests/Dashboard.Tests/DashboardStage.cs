extern alias EngagementService;
extern alias GatewayService;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Streaming.Integration.Tests;
using Streaming.Tenancy;

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

    private DashboardStage(RealDependencies deps, string hint, TimeProvider? clock) =>
        _subscriptions = new SubscriptionPipeline(deps, new Pipeline(deps, "dash-" + hint, clock));

    public Pipeline Pipeline => _subscriptions.Pipeline;

    /// <summary>The gateway's address on loopback, e.g. http://127.0.0.1:41234/.</summary>
    public Uri GatewayAddress { get; private set; } = null!;

    /// <summary>Starts every service; given a clock, they all read the time from it (the live stream ticks only when it moves).</summary>
    public static async Task<DashboardStage> StartAsync(RealDependencies deps, string hint, TimeProvider? clock = null)
    {
        var stage = new DashboardStage(deps, hint, clock);
        // A ten-year grace keeps the events' month open on any day, whichever clock the stage runs on.
        stage._engagement = stage.Pipeline.Configure(new WebApplicationFactory<EngagementService::Program>()
            .WithWebHostBuilder(builder => builder.UseSetting("EngagementRanking:FinalityGrace", "3650.00:00:00")));
        // Ready includes the bus: the engagement queue is bound before sessionization publishes anything.
        await Probes.WaitUntilReadyAsync(stage._engagement.CreateClient(), "the engagement service", TimeSpan.FromSeconds(60));
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

    /// <summary>A new access key of the tests' distributor (<see cref="TestTenancy.DistributorId"/>, which owns the titles and channels posted).</summary>
    public async Task<string> IssueAccessKeyAsync()
    {
        var services = _gateway!.Services;
        var store = services.GetRequiredService<TenancyStore>();
        await store.CreateDistributorAsync(TestTenancy.DistributorId, "Tests"); // null when it exists: fine
        var issued = await store.AddAccessKeyAsync(TestTenancy.DistributorId) ?? throw new InvalidOperationException("the test distributor is missing");
        await services.GetRequiredService<TenancyCache>().RefreshAsync();
        return issued.Token;
    }

    public Task PostPlaybackAsync(IEnumerable<object> events) => Pipeline.PostAsync(events);

    public Task PostSubscriptionsAsync(IEnumerable<object> events) => _subscriptions.PostAsync(events);

    public Task WaitForPlaybackAsync(long processed) => Pipeline.WaitForProcessedAsync(processed);

    public Task WaitForSubscriptionsAsync(long processed) => _subscriptions.WaitForProcessedAsync(processed);

    public Task WaitForAnswerAsync(string pathAndQuery, string expected) => Pipeline.WaitForAnswerAsync(pathAndQuery, expected);

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        await _subscriptions.DisposeAsync();
        if (_engagement is not null) await _engagement.DisposeAsync();
    }
}
