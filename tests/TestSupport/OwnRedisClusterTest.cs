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

    /// <summary>
    /// The one replica of <paramref name="key"/>'s master, once the node asked has learnt of it: gossip can lag the
    /// cluster's health under load, so a replica may be missing from CLUSTER NODES for a moment after the start.
    /// </summary>
    protected async Task<int> ReplicaOfAsync(string key) =>
        (await Eventually.UntilAsync(() => Cluster.OwnersAsync(key), o => o.Replicas.Length == 1, $"the replica of {key}'s master to be known")).Replicas[0];

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
