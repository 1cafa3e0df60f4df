extern alias SubscriptionsService;
using static Streaming.Integration.Tests.SubscriptionEvents;

namespace Streaming.Integration.Tests;

/// <summary>The subscription service's probes tell the truth, and its own counters reach the Prometheus endpoint.</summary>
public sealed class SubscriptionServiceHealthTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private async Task<(HttpStatusCode Alive, HttpStatusCode Ready)> ProbeAsync(string[] down, params (string Key, string Value)[] overrides)
    {
        await using var host = new WebApplicationFactory<SubscriptionsService::Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(RealDependencies.NewNamespace("subs-health"))) builder.UseSetting(key, value);
            foreach (var (key, value) in overrides) builder.UseSetting(key, value);
        });
        return await Probes.ProbeAsync(host.CreateClient(), host.Services, down);
    }

    [Fact]
    public async Task Alive_and_ready_with_its_broker_and_redis() =>
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await ProbeAsync([]));

    [Fact]
    public async Task Without_redis_alive_but_not_ready() =>
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable),
            await ProbeAsync(["redis"], ("Redis:Configuration", RealDependencies.UnreachableRedis)));

    [Fact]
    public async Task Rejected_transitions_and_applied_events_are_exported_for_prometheus()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-metrics");
        subscriptions.StartService();
        await subscriptions.PostAsync(March());
        await subscriptions.WaitForProcessedAsync(7);

        var metrics = await OperatorEndpoints.ScrapeAsync(subscriptions.ServiceClient());

        Assert.Contains("subscriptions_events_applied", metrics);
        Assert.Contains("subscriptions_transitions_rejected", metrics);
        Assert.Contains("reason=\"cancel_without_subscription\"", metrics);
    }
}
