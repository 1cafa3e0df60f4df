using DotNet.Testcontainers.Configurations;
using StackExchange.Redis;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Streaming.TestSupport;

/// <summary>
/// The real RabbitMQ and Redis the tests run against, shared by every test of an assembly. It connects to the ones
/// named by RABBITMQ_HOST / RABBITMQ_PORT and REDIS_CONFIGURATION (what <c>infra/test.sh</c> sets after starting them
/// from Debian packages); when none is named and a Docker engine answers, it starts them with Testcontainers.
/// Tests isolate themselves with <see cref="NewNamespace"/>, so they run in parallel and in any order.
/// </summary>
public sealed class RealDependencies : IAsyncLifetime
{
    private RabbitMqContainer? _rabbit;
    private RedisContainer? _redis;

    public string RabbitHost { get; private set; } = "";
    public int RabbitPort { get; private set; }
    public string RabbitUser { get; private set; } = "guest";
    public string RabbitPassword { get; private set; } = "guest";
    public string RedisConfiguration { get; private set; } = "";
    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var rabbitHost = Environment.GetEnvironmentVariable("RABBITMQ_HOST");
        var redisConfiguration = Environment.GetEnvironmentVariable("REDIS_CONFIGURATION");
        if (string.IsNullOrEmpty(rabbitHost) || string.IsNullOrEmpty(redisConfiguration))
        {
            if (!DockerAvailable())
            {
                throw new InvalidOperationException(
                    "These tests need a real RabbitMQ and Redis: set RABBITMQ_HOST and REDIS_CONFIGURATION " +
                    "(bash infra/test.sh does, after starting both), or run them where a Docker engine answers.");
            }
            _rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").Build();
            _redis = new RedisBuilder("redis:7.4").Build();
            await Task.WhenAll(_rabbit.StartAsync(), _redis.StartAsync());
            var amqp = new Uri(_rabbit.GetConnectionString());
            (rabbitHost, RabbitPort) = (amqp.Host, amqp.Port);
            var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
            (RabbitUser, RabbitPassword) = (credentials[0], credentials[1]);
            redisConfiguration = _redis.GetConnectionString();
        }
        else
        {
            RabbitPort = int.TryParse(Environment.GetEnvironmentVariable("RABBITMQ_PORT"), out var port) ? port : 5672;
        }

        RabbitHost = rabbitHost;
        RedisConfiguration = redisConfiguration;
        Redis = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration);
    }

    public async Task DisposeAsync()
    {
        await BrokerCleanup.DeleteNamespacesAsync(RabbitHost, RabbitUser, RabbitPassword, IssuedNamespaces);
        Redis?.Dispose();
        if (_rabbit is not null) await _rabbit.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    /// <summary>
    /// A Redis nobody answers (nothing listens on port 1), for the probes' tests: a command waiting for the connection
    /// fails after the sync timeout (the default is 5 s), so it is short.
    /// </summary>
    public const string UnreachableRedis = "127.0.0.1:1,connectTimeout=500,syncTimeout=500";

    /// <summary>A fresh namespace (queue and Redis key prefix) for one test.</summary>
    public static string NewNamespace(string hint)
    {
        var ns = $"t-{hint}-{Guid.NewGuid():N}"[..Math.Min(40, hint.Length + 35)];
        IssuedNamespaces.Add(ns);
        return ns;
    }

    /// <summary>Namespaces handed out in this test process; their queues and exchanges are deleted at the end.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> IssuedNamespaces = [];

    /// <summary>Configuration that points a service at these dependencies under <paramref name="ns"/>.</summary>
    public Dictionary<string, string?> ServiceSettings(string ns, int partitions = 4) => new()
    {
        ["RabbitMq:Host"] = RabbitHost,
        ["RabbitMq:Port"] = RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RabbitMq:Username"] = RabbitUser,
        ["RabbitMq:Password"] = RabbitPassword,
        ["Redis:Configuration"] = RedisConfiguration,
        ["Pipeline:Namespace"] = ns,
        ["Pipeline:Partitions"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static bool DockerAvailable()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null &&
                   File.Exists("/var/run/docker.sock");
        }
        catch (Exception)
        {
            return false;
        }
    }
}

/// <summary>
/// The collection name; xunit needs the definition itself in each test assembly:
/// <c>[CollectionDefinition(RealDependenciesCollection.Name)] public sealed class X : ICollectionFixture&lt;RealDependencies&gt;;</c>
/// </summary>
public static class RealDependenciesCollection
{
    public const string Name = "real dependencies";
}
