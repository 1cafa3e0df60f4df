using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Streaming.TestSupport;

/// <summary>
/// A Redis Cluster of one test's own: 3 masters and 3 replicas on free loopback ports, each node durable as
/// everywhere (append-only file, fsync on every write) in a data directory of its own, so a test may kill a master
/// (kill -9) or freeze a replica (SIGSTOP) without touching the shared Redis or the local cluster of
/// <c>infra/cluster-deps.sh</c> (7001–7006). A node timeout of 2 s keeps a failover near 4 s (MACHINE-NOTES).
/// Disposing stops every node and deletes the data.
/// </summary>
public sealed class OwnRedisCluster : IAsyncDisposable
{
    private const int NodeTimeoutMs = 2000;

    private OwnRedisCluster(int[] ports, string dataDir)
    {
        Ports = ports;
        DataDir = dataDir;
    }

    /// <summary>The six nodes' ports; the first three start as masters, the others as their replicas.</summary>
    public IReadOnlyList<int> Ports { get; }

    public string DataDir { get; }

    /// <summary>A client configuration listing every node, with short timeouts so a test sees a failover quickly.</summary>
    public string Configuration =>
        string.Join(",", Ports.Select(p => $"127.0.0.1:{p}")) + ",connectTimeout=1000,syncTimeout=3000,asyncTimeout=3000";

    /// <summary>Starts the six nodes, creates the cluster, and returns once its state is ok and every replica in sync.</summary>
    public static async Task<OwnRedisCluster> StartAsync()
    {
        var cluster = new OwnRedisCluster(FreePorts(6), Path.Combine(Path.GetTempPath(), "own-redis-cluster-" + Guid.NewGuid().ToString("N")));
        try
        {
            foreach (var port in cluster.Ports) await cluster.StartNodeAsync(port);
            await RunAsync("redis-cli", ["--cluster", "create", .. cluster.Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "1", "--cluster-yes"]);
            await cluster.UntilHealthyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one node (again, after a kill: its append-only file brings its data back).</summary>
    public async Task StartNodeAsync(int port)
    {
        var dir = NodeDir(port);
        Directory.CreateDirectory(dir);
        await RunAsync("redis-server", [
            "--daemonize", "yes", "--port", Invariant(port), "--bind", "127.0.0.1", "--dir", dir,
            "--pidfile", Path.Combine(dir, "redis.pid"), "--logfile", Path.Combine(dir, "redis.log"), "--save", "",
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", Invariant(NodeTimeoutMs),
            "--appendonly", "yes", "--appendfsync", "always", "--repl-diskless-sync-delay", "0",
        ]);
        await Eventually.UntilAsync(async () => (await CliAsync(port, "ping")).Trim() == "PONG", $"redis {port} to answer");
    }

    /// <summary>kill -9 of one node.</summary>
    public async Task KillAsync(int port)
    {
        using var process = Process.GetProcessById(await PidAsync(port));
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Freezes one node (SIGSTOP): it stays connected but answers nothing, as a replica stuck on a slow disk.</summary>
    public async Task FreezeAsync(int port) => await RunAsync("kill", ["-STOP", Invariant(await PidAsync(port))]);

    public async Task ThawAsync(int port) => await RunAsync("kill", ["-CONT", Invariant(await PidAsync(port))]);

    /// <summary>The port of the master serving <paramref name="key"/>'s slot now, and the ports of its replicas.</summary>
    public async Task<(int Master, int[] Replicas)> OwnersAsync(string key)
    {
        var live = await LivePortAsync();
        var slot = int.Parse((await CliAsync(live, "cluster", "keyslot", key)).Trim(), CultureInfo.InvariantCulture);
        var nodes = (await CliAsync(live, "cluster", "nodes")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')).ToList();
        int PortOf(string[] node) => int.Parse(node[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
        var master = nodes.Single(n => n[2].Contains("master", StringComparison.Ordinal) && !n[2].Contains("fail", StringComparison.Ordinal)
            && n.Skip(8).Any(range => Covers(range, slot)));
        var replicas = nodes.Where(n => n[3] == master[0]).Select(PortOf).ToArray();
        return (PortOf(master), replicas);
    }

    /// <summary>Until every slot is served (cluster_state:ok, seen from every live node) and every replica's link is up.</summary>
    public async Task UntilHealthyAsync(TimeSpan? timeout = null)
    {
        var seen = "";
        await Eventually.UntilAsync(async () =>
        {
            var states = new List<string>();
            foreach (var port in Ports)
            {
                if (!await AnswersAsync(port)) continue;
                var info = await CliAsync(port, "cluster", "info");
                var replication = await CliAsync(port, "info", "replication");
                var ok = info.Contains("cluster_state:ok", StringComparison.Ordinal);
                var role = replication.Contains("role:slave", StringComparison.Ordinal)
                    ? (replication.Contains("master_link_status:up", StringComparison.Ordinal) ? "replica-up" : "replica-down")
                    : "master";
                states.Add($"{port}:{(ok ? "ok" : "fail")}:{role}");
            }
            seen = string.Join(" ", states);
            return states.Count > 0 && states.All(s => s.Contains(":ok:", StringComparison.Ordinal) && !s.EndsWith("replica-down", StringComparison.Ordinal));
        }, "the redis cluster to be ok with its replicas in sync", timeout ?? TimeSpan.FromSeconds(60), () => seen);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var port in Ports)
        {
            var pidFile = Path.Combine(NodeDir(port), "redis.pid");
            if (!File.Exists(pidFile)) continue;
            try
            {
                using var process = Process.GetProcessById(await PidAsync(port));
                process.Kill(); // its data is deleted next: no need for a clean shutdown
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // not running (killed by the test)
            }
        }
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
    }

    /// <summary>redis-cli against one node; its output.</summary>
    public static Task<string> CliAsync(int port, params string[] args) => RunAsync("redis-cli", ["-p", Invariant(port), .. args]);

    private string NodeDir(int port) => Path.Combine(DataDir, Invariant(port));

    private async Task<int> PidAsync(int port) =>
        int.Parse((await File.ReadAllTextAsync(Path.Combine(NodeDir(port), "redis.pid"))).Trim(), CultureInfo.InvariantCulture);

    private async Task<int> LivePortAsync()
    {
        foreach (var port in Ports)
        {
            if (await AnswersAsync(port)) return port;
        }
        throw new InvalidOperationException("no node of the cluster answers");
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromMilliseconds(500));
            // A frozen node accepts the connection (the kernel does) but never answers the ping.
            return (await CliAsync(port, "ping").WaitAsync(TimeSpan.FromSeconds(1))).Trim() == "PONG";
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static bool Covers(string range, int slot)
    {
        if (range.StartsWith('[')) return false; // a slot being migrated
        var bounds = range.Split('-');
        var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
        var to = bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : from;
        return slot >= from && slot <= to;
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}");
        return await output;
    }

    /// <summary>Ports free now whose cluster bus port (port + 10000) is free too.</summary>
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(20000, 30000);
            if (!ports.Contains(port) && IsFree(port) && IsFree(port + 10000)) ports.Add(port);
        }
        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
