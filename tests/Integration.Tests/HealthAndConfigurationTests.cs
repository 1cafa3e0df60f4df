extern alias GatewayService;
extern alias IngestService;
extern alias SessionizationService;
namespace Streaming.Integration.Tests;

/// <summary>Probes tell the truth about the broker and Redis, and bad settings stop a service at start-up.</summary>
public sealed class HealthAndConfigurationTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const string ClosedPort = "1"; // nothing listens on tcpmux here

    private WebApplicationFactory<T> Host<T>(params (string Key, string Value)[] overrides) where T : class =>
        new WebApplicationFactory<T>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(RealDependencies.NewNamespace("health"))) builder.UseSetting(key, value);
            foreach (var (key, value) in overrides) builder.UseSetting(key, value);
        });

    private static Task<(HttpStatusCode Alive, HttpStatusCode Ready)> Probe<T>(WebApplicationFactory<T> host, params string[] down) where T : class =>
        Probes.ProbeAsync(host.CreateClient(), host.Services, down);

    [Fact]
    public async Task Every_service_is_alive_and_ready_with_its_broker_and_redis()
    {
        await using var ingest = Host<IngestService::Program>();
        await using var sessionization = Host<SessionizationService::Program>();
        await using var gateway = Host<GatewayService::Program>();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await Probe(ingest));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await Probe(sessionization));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await Probe(gateway));
    }

    [Fact]
    public async Task Ingest_without_a_reachable_broker_is_alive_but_not_ready()
    {
        await using var ingest = Host<IngestService::Program>(("RabbitMq:Port", ClosedPort));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), await Probe(ingest, "rabbitmq-reachable"));
    }

    [Fact]
    public async Task Sessionization_without_redis_is_alive_but_not_ready()
    {
        await using var sessionization = Host<SessionizationService::Program>(("Redis:Configuration", RealDependencies.UnreachableRedis));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), await Probe(sessionization, "redis"));
    }

    [Fact]
    public async Task Gateway_without_redis_is_alive_but_not_ready()
    {
        await using var gateway = Host<GatewayService::Program>(("Redis:Configuration", RealDependencies.UnreachableRedis));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), await Probe(gateway, "redis"));
    }

    [Theory]
    [InlineData("Sessionization:MaxGap", "02:00:00")]          // longer than the 60-minute inactivity timeout
    [InlineData("Sessionization:StateRetention", "12:00:00")]  // repeats must be recognised for 24 hours
    [InlineData("Pipeline:Partitions", "0")]
    [InlineData("Pipeline:Namespace", "bad{tag}")]
    [InlineData("Redis:WaitForReplicas", "-1")]
    [InlineData("Redis:WaitTimeout", "00:00:00")]
    public void Sessionization_refuses_to_start_with_a_bad_setting_and_names_it(string key, string value)
    {
        using var host = Host<SessionizationService::Program>((key, value));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(key, StartupFailure.Messages(error));
    }

    [Fact]
    public void Gateway_refuses_to_start_without_a_redis_configuration()
    {
        using var host = Host<GatewayService::Program>(("Redis:Configuration", ""));

        Assert.Contains("Redis:Configuration", StartupFailure.Messages(Assert.ThrowsAny<Exception>(() => host.CreateClient())));
    }
}
