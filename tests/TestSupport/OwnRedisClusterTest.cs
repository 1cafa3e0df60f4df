using StackExchange.Redis;

namespace Streaming.TestSupport;

/// <summary>
/// A test class whose every test gets a Redis Cluster of its own (<see cref="OwnRedisCluster"/>: 3 masters,
/// 3 replicas) and one client connected to it, both gone after the test.
/// </summary>
public abstract class OwnRedisClusterTest : IAsyncLifetime
{
    protected OwnRedisCluster Cluster { get; private set; } = null!;

    protected ConnectionMultiplexer Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await OwnRedisCluster.StartAsync();
        Client = await ConnectionMultiplexer.ConnectAsync(Cluster.Configuration);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
