using System.Diagnostics;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Streaming.Integration.Tests;

/// <summary>
/// Redis as the project's own script starts it (infra/deps.sh), on a port and data directory of this test's: what it
/// acknowledged survives kill -9 and a restart by the same script.
/// </summary>
public sealed class DurableRedisTests : IAsyncLifetime
{
    private readonly int _port = FreePort();
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "durable-redis-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_acknowledged_write_survives_kill_9_and_a_restart_by_the_script()
    {
        await Deps("start");
        using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port},allowAdmin=true"))
        {
            var db = redis.GetDatabase();
            Assert.Equal(5, await db.HashIncrementAsync("counters", "minutes", 5));
            Assert.Equal(7, await db.HashIncrementAsync("counters", "minutes", 2));
            var config = (await redis.GetServer($"127.0.0.1:{_port}").ConfigGetAsync("*"))
                .ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(("yes", "always", "noeviction"), (config["appendonly"], config["appendfsync"], config["maxmemory-policy"]));
        }

        Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(Path.Combine(_dataDir, "redis.pid")))).Kill();
        await Deps("start");

        using var restarted = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
        Assert.Equal(7, (long)await restarted.GetDatabase().HashGetAsync("counters", "minutes"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Deps("stop");
        Directory.Delete(_dataDir, recursive: true);
    }

    private async Task Deps(string command)
    {
        var start = new ProcessStartInfo("bash", ["infra/deps.sh", command, "redis"])
        {
            WorkingDirectory = Root(),
            RedirectStandardError = true,
            Environment = { ["REDIS_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["REDIS_DATA_DIR"] = _dataDir },
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"infra/deps.sh {command} redis failed: {errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Root()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Microservices.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
