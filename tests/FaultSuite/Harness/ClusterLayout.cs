namespace Streaming.FaultSuite.Harness;

/// <summary>
/// The suite's own local cluster (infra/fault-suite.sh --cluster, through infra/cluster-deps.sh): 3 RabbitMQ nodes,
/// node n's AMQP port <c>AmqpBase + n</c> and its management port 10000 above it, and a Redis Cluster of 3 masters and
/// 3 replicas on <c>RedisBase + 1 … RedisBase + 6</c>; the nodes' pid files in <see cref="RunDirectory"/>.
/// </summary>
public sealed record ClusterLayout(int AmqpBase, int RedisBase, string RunDirectory)
{
    public const int Replicas = 2;

    public IReadOnlyList<int> AmqpPorts => [AmqpBase + 1, AmqpBase + 2, AmqpBase + 3];
    public IReadOnlyList<int> ManagementPorts => [.. AmqpPorts.Select(p => p + 10000)];
    public IReadOnlyList<int> RedisPorts => [.. Enumerable.Range(RedisBase + 1, 6)];

    /// <summary>RabbitMq:Hosts as infra/run-all.sh --cluster sets it.</summary>
    public string RabbitHosts => string.Join(',', AmqpPorts.Select(p => $"127.0.0.1:{p}"));

    /// <summary>Redis:Configuration listing the six nodes, as infra/run-all.sh --cluster sets it.</summary>
    public string Redis => string.Join(',', RedisPorts.Select(p => $"127.0.0.1:{p}"));
}
