extern alias GatewayService;
extern alias IngestService;
extern alias SessionizationService;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using StackExchange.Redis;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Integration.Tests;

/// <summary>
/// The three services, each a real ASP.NET Core host with its own DI container, wired to the real RabbitMQ and
/// Redis under a namespace of their own; sessionization can be stopped and started again like a crashed pod. Given a
/// clock, every service reads the time from it (the live view's tests hold it still and move it by hand).
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const int Partitions = 4;

    private readonly RealDependencies _deps;
    private readonly WebApplicationFactory<IngestService::Program> _ingest;
    private readonly WebApplicationFactory<GatewayService::Program> _gateway;
    private readonly TimeProvider? _clock;
    private readonly Action<IWebHostBuilder>? _configureHost;
    private readonly OwnRedis? _ownRedis;
    private readonly ConnectionMultiplexer? _ownRedisClient;
    private WebApplicationFactory<SessionizationService::Program>? _sessionization;

    /// <param name="configureHost">Runs on every host the pipeline builds, after its settings (telemetry tests add exporters).</param>
    /// <param name="ownRedis">A Redis of the test's own for every service (outage tests stop it), instead of the shared one.</param>
    public Pipeline(RealDependencies deps, string hint, TimeProvider? clock = null, Action<IWebHostBuilder>? configureHost = null, OwnRedis? ownRedis = null)
    {
        _deps = deps;
        _clock = clock;
        _configureHost = configureHost;
        _ownRedis = ownRedis;
        _ownRedisClient = ownRedis is null ? null : ConnectionMultiplexer.Connect(ownRedis.Configuration + ",abortConnect=false");
        Namespace = RealDependencies.NewNamespace(hint);
        _ingest = Configure(new WebApplicationFactory<IngestService::Program>());
        _gateway = Configure(new WebApplicationFactory<GatewayService::Program>());
        Ingest = _ingest.CreateClient();
        Gateway = _gateway.CreateClient();
    }

    public string Namespace { get; }
    public HttpClient Ingest { get; }
    public HttpClient Gateway { get; }

    /// <summary>The ingest host's services, for tests that put messages on the bus themselves.</summary>
    public IServiceProvider IngestServices => _ingest.Services;

    public IServiceProvider GatewayServices => _gateway.Services;

    /// <summary>A client of the gateway that sends <paramref name="key"/> as its Bearer key (a distributor's reads).</summary>
    public HttpClient GatewayClient(string key)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The running sessionization host (null while stopped).</summary>
    public IServiceProvider? SessionizationServices => _sessionization?.Services;

    public void StartSessionization()
    {
        _sessionization = Configure(new WebApplicationFactory<SessionizationService::Program>());
        _ = _sessionization.Server; // builds and starts the host: the bus connects and the partition consumers start
    }

    public async Task StopSessionizationAsync()
    {
        if (_sessionization is not null) await _sessionization.DisposeAsync();
        _sessionization = null;
    }

    /// <summary>
    /// Points another service's host at the same broker, Redis and namespace (later services use this), with the
    /// tests' keys and catalog (<see cref="TestTenancy"/>) unless <paramref name="testTenancy"/> is false: then every
    /// request must bring a key the operator issued.
    /// </summary>
    public WebApplicationFactory<T> Configure<T>(WebApplicationFactory<T> factory, bool testTenancy = true) where T : class =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in _deps.ServiceSettings(Namespace, Partitions)) builder.UseSetting(key, value);
            if (_ownRedis is not null) builder.UseSetting("Redis:Configuration", _ownRedis.Configuration);
            if (testTenancy) TestTenancy.Apply(builder);
            if (_clock is not null) builder.ConfigureTestServices(services => services.AddSingleton(_clock));
            _configureHost?.Invoke(builder);
        });

    /// <summary>The outage retry of the services with waits doubling from 0.2 s to 2 s, for up to five minutes (outage tests).</summary>
    public static void ShortOutageRetries(IWebHostBuilder host)
    {
        host.UseSetting("Resilience:OutageRetryFirst", "00:00:00.2");
        host.UseSetting("Resilience:OutageRetryCap", "00:00:02");
        host.UseSetting("Resilience:OutageRetryFor", "00:05:00");
    }

    /// <summary>Puts titles (and channels) into the catalog now; posting does it by itself unless Redis is away then.</summary>
    public Task RegisterCatalogAsync(IEnumerable<string> titleIds, IEnumerable<string>? channelIds = null) =>
        TestTenancy.RegisterAsync(IngestServices, titleIds, channelIds ?? []);

    public async Task<JsonObject> PostAsync(object events)
    {
        var response = await Ingest.PostAsJsonAsync("/v1/events/playback", events);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"ingest answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Waits until sessionization has handled this many events in all (the stats hashes' processed).</summary>
    public async Task WaitForProcessedAsync(long expected, TimeSpan? timeout = null) =>
        Assert.Equal(expected, await Eventually.UntilAsync(ProcessedAsync, processed => processed >= expected,
            $"sessionization to have processed {expected} events", timeout ?? TimeSpan.FromSeconds(60)));

    /// <summary>The Redis the services use: the test's own, or the shared one.</summary>
    public IConnectionMultiplexer Redis => _ownRedisClient ?? _deps.Redis;

    public async Task<long> ProcessedAsync() => await SumStatAsync(PerformanceCounterLayout.Stats.Processed);

    public async Task<long> SumStatAsync(string field)
    {
        long sum = 0;
        for (var p = 0; p < Partitions; p++)
        {
            sum += (long?)await Redis.GetDatabase().HashGetAsync(PerformanceCounterLayout.StatsKey(Namespace + ".", p), field) ?? 0;
        }
        return sum;
    }

    public async Task<JsonObject> QueryAsync(string query)
    {
        var response = await Gateway.GetAsync("/v1/metrics/performance?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"gateway answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls a gateway answer until it is <paramref name="expected"/> (facts flow on asynchronously), then asserts it.</summary>
    public async Task WaitForAnswerAsync(string pathAndQuery, string expected, TimeSpan? timeout = null)
    {
        var want = Compact(JsonNode.Parse(expected));
        Assert.Equal(want, await Eventually.UntilAsync(async () =>
        {
            var response = await Gateway.GetAsync(pathAndQuery);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"gateway answered {(int)response.StatusCode}: {body}");
            return Compact(JsonNode.Parse(body));
        }, actual => actual == want, $"{pathAndQuery} to answer {want}", timeout ?? TimeSpan.FromSeconds(60)));
    }

    public static string Compact(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";

    public async ValueTask DisposeAsync()
    {
        await StopSessionizationAsync();
        await _ingest.DisposeAsync();
        await _gateway.DisposeAsync();
        if (_ownRedisClient is not null) await _ownRedisClient.DisposeAsync();
    }
}
