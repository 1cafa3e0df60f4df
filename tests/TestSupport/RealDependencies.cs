using System.Globalization;
using StackExchange.Redis;

namespace Streaming.TestSupport;

/// <summary>
/// The real RabbitMQ and Redis the tests run against (see <see cref="DependencyEndpoints"/>): one connection for the
/// whole test process, made by the first class that asks for it (xunit 2 has no assembly fixtures, so it is static and
/// lazy). A test class takes it as a class fixture, <c>IClassFixture&lt;RealDependencies&gt;</c>, and runs in parallel
/// with the others: each test isolates itself on namespaces of its own (<see cref="NewNamespace"/>), which prefix its
/// queues, exchanges and Redis keys. When no class holds the fixture any more, the queues and exchanges of the
/// namespaces issued so far are deleted.
/// </summary>
public sealed class RealDependencies : IAsyncLifetime
{
    /// <summary>The images Testcontainers starts: docker-compose.yml's, to the letter (ComposeFileTests checks).</summary>
    public const string RabbitMqImage = "rabbitmq:3.13.7-management";

    public const string RedisImage = "redis:7.4.1";

    private static readonly Lazy<Task<DependencyEndpoints>> Shared = new(DependencyEndpoints.ConnectAsync);
    private static readonly NamespaceLedger Namespaces = new();

    private DependencyEndpoints _endpoints = null!;

    public string RabbitHost => _endpoints.RabbitHost;
    public int RabbitPort => _endpoints.RabbitPort;
    public string RabbitUser => _endpoints.RabbitUser;
    public string RabbitPassword => _endpoints.RabbitPassword;
    public string RedisConfiguration => _endpoints.RedisConfiguration;
    public IConnectionMultiplexer Redis => _endpoints.Redis;

    /// <summary>
    /// A Redis nobody answers (nothing listens on port 1), for the probes' tests: a command waiting for the connection
    /// fails after the sync timeout (the default is 5 s), so it is short.
    /// </summary>
    public const string UnreachableRedis = "127.0.0.1:1,connectTimeout=500,syncTimeout=500";

    public async Task InitializeAsync()
    {
        Namespaces.Hold();
        _endpoints = await Shared.Value;
    }

    public async Task DisposeAsync()
    {
        var done = Namespaces.Release();
        if (done.Count > 0 && _endpoints is not null) await BrokerCleanup.DeleteNamespacesAsync(RabbitHost, RabbitUser, RabbitPassword, done);
    }

    /// <summary>A fresh namespace (queue, exchange and Redis key prefix) for one test, from a class holding the fixture.</summary>
    public static string NewNamespace(string hint) => Namespaces.Issue(hint);

    /// <summary>Configuration that points a service at these dependencies under <paramref name="ns"/>, with the tests' operator key.</summary>
    public Dictionary<string, string?> ServiceSettings(string ns, int partitions = 4) => new()
    {
        ["RabbitMq:Host"] = RabbitHost,
        ["RabbitMq:Port"] = RabbitPort.ToString(CultureInfo.InvariantCulture),
        ["RabbitMq:Username"] = RabbitUser,
        ["RabbitMq:Password"] = RabbitPassword,
        ["Redis:Configuration"] = RedisConfiguration,
        ["Pipeline:Namespace"] = ns,
        ["Pipeline:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
        ["Auth:OperatorKey"] = TestTenancy.OperatorKey,
    };
}

/// <summary>
/// For the classes that still share one collection per assembly (they then run one after another); xunit 2 needs the
/// definition itself in each test assembly:
/// <c>[CollectionDefinition(RealDependenciesCollection.Name)] public sealed class X : ICollectionFixture&lt;RealDependencies&gt;;</c>
/// </summary>
public static class RealDependenciesCollection
{
    public const string Name = "real dependencies";
}
