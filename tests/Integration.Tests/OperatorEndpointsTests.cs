extern alias EngagementService;
extern alias SessionizationService;
extern alias SubscriptionsService;
using Streaming.Tenancy;

namespace Streaming.Integration.Tests;

/// <summary>
/// The consuming services' /metrics, as ingest's and the gateway's: the operator's on their own port (an access or
/// ingest key gets 403), anybody's on the management port, which serves nothing but it and the probes.
/// </summary>
public sealed class OperatorEndpointsTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    public static TheoryData<string> Services => ["sessionization", "subscriptions", "engagement-ranking"];

    [Theory]
    [MemberData(nameof(Services))]
    public Task Metrics_answer_the_operator_key_only(string service) => service switch
    {
        "sessionization" => OperatorOnlyAsync<SessionizationService::Program>(service),
        "subscriptions" => OperatorOnlyAsync<SubscriptionsService::Program>(service),
        _ => OperatorOnlyAsync<EngagementService::Program>(service),
    };

    [Theory]
    [MemberData(nameof(Services))]
    public Task The_management_port_serves_metrics_and_probes_without_a_key_and_nothing_else(string service) => service switch
    {
        "sessionization" => ManagementPortAsync<SessionizationService::Program>(service),
        "subscriptions" => ManagementPortAsync<SubscriptionsService::Program>(service),
        _ => ManagementPortAsync<EngagementService::Program>(service),
    };

    private WebApplicationFactory<T> Host<T>(string service) where T : class =>
        new WebApplicationFactory<T>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(RealDependencies.NewNamespace("ops-" + service))) builder.UseSetting(key, value);
        });

    private async Task OperatorOnlyAsync<T>(string service) where T : class
    {
        await using var host = Host<T>(service);
        var http = host.CreateClient();
        var access = await TestTenancy.AccessKeyAsync(host.Services);
        var player = await TestTenancy.IngestKeyAsync(host.Services, KeyKinds.Player);

        await OperatorEndpoints.AssertOperatorOnlyAsync(http, "/metrics", access, player);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    private async Task ManagementPortAsync<T>(string service) where T : class
    {
        var (host, own, management) = OperatorEndpoints.ServeWithManagementPort(Host<T>(service));
        await using var _ = host;

        Assert.Contains("# TYPE", await management.GetStringAsync("/metrics"));
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/alive")).StatusCode);
        await Probes.WaitUntilReadyAsync(management, service + "'s management port");
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/anything-else")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/alive")).StatusCode);
    }
}
