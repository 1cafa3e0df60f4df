using System.Diagnostics;

namespace Streaming.FaultSuite.Harness;

/// <summary>
/// The suite's RabbitMQ node and Redis, stopped and started by the project's own script (infra/deps.sh), with the
/// environment infra/fault-suite.sh gave the suite (its node name, ports and data directories), never the shared ones.
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
        var pid = (await File.ReadAllTextAsync(Path.Combine(dataDir, "redis.pid"))).Trim();
        await RunAsync("kill", ["-9", pid]);
        // Wait until the port is closed, so the restart cannot find the old process still answering.
        while (await PortOpenAsync(settings.RedisPort))
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
