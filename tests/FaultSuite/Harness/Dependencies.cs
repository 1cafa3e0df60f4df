using System.Diagnostics;
using System.Net;
using StackExchange.Redis;

namespace Streaming.FaultSuite.Harness;

/// <summary>
/// The suite's RabbitMQ node and Redis, stopped and started by the project's own script (infra/deps.sh), with the
/// environment infra/fault-suite.sh gave the suite (its node name, ports and data directories), never the shared ones.
/// In cluster mode, the suite's local cluster, restarted by infra/cluster-deps.sh (with the suite's CLUSTER_* settings).
/// </summary>
public sealed class Dependencies(SuiteSettings settings)
{
    public Task StartRabbitAsync() => DepsAsync("start", "rabbitmq");
    public Task StopRabbitAsync() => DepsAsync("stop", "rabbitmq");
    public Task StartRedisAsync() => DepsAsync("start", "redis");
    public Task StopRedisAsync() => DepsAsync("stop", "redis");

    /// <summary>kill -9 of the Redis server, by the pid in its data directory's pid file.</summary>
    public async Task KillRedisAsync()
    {
        var dataDir = Environment.GetEnvironmentVariable("REDIS_DATA_DIR")
            ?? throw new InvalidOperationException("REDIS_DATA_DIR is not set (infra/fault-suite.sh sets it)");
        await KillAsync(Path.Combine(dataDir, "redis.pid"), settings.RedisPort);
    }

    /// <summary>Starts what of the local cluster is down (a killed node), and waits until the cluster is whole again.</summary>
    public Task StartClusterAsync(string which) =>
        RunAsync("bash", [Path.Combine(settings.Repository, "infra/cluster-deps.sh"), "start", which]);

    /// <summary>kill -9 of broker node <paramref name="node"/>'s Erlang VM, by its pid file.</summary>
    public Task KillRabbitNodeAsync(int node) =>
        KillAsync(Path.Combine(Cluster.RunDirectory, $"rabbit{node}.pid"), Cluster.AmqpPorts[node - 1]);

    /// <summary>
    /// kill -9 of the Redis master serving the slot of <paramref name="hashTag"/> (its replica is promoted after the
    /// cluster's node timeout); answers the killed node's port.
    /// </summary>
    public async Task<int> KillRedisMasterAsync(string hashTag)
    {
        int port;
        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{settings.Redis},connectTimeout=2000,allowAdmin=true"))
        {
            var slot = redis.HashSlot($"{{{hashTag}}}");
            var nodes = await redis.GetServers().First(s => s.IsConnected).ClusterNodesAsync()
                ?? throw new InvalidOperationException("Redis answers no CLUSTER NODES");
            port = ((IPEndPoint)nodes.GetBySlot(slot)!.EndPoint!).Port;
        }
        await KillAsync(Path.Combine(Cluster.RunDirectory, $"redis-{port}.pid"), port);
        return port;
    }

    private ClusterLayout Cluster => settings.Cluster ?? throw new InvalidOperationException("not in cluster mode");

    private static async Task KillAsync(string pidFile, int port)
    {
        var pid = (await File.ReadAllTextAsync(pidFile)).Trim();
        await RunAsync("kill", ["-9", pid]);
        // Wait until the port is closed, so a restart cannot find the old process still answering.
        while (await PortOpenAsync(port))
        {
            await Task.Delay(50);
        }
    }

    public static async Task<bool> PortOpenAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    private Task DepsAsync(string verb, string which) =>
        RunAsync("bash", [Path.Combine(settings.Repository, "infra/deps.sh"), verb, which]);

    private static async Task RunAsync(string file, string[] args)
    {
        // The environment is inherited: infra/fault-suite.sh exported the suite's node name, ports and data directories.
        using var run = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not run {file}");
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {run.ExitCode}");
        }
    }
}
