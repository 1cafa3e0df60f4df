using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Streaming.TestSupport;

/// <summary>
/// A Redis of one test's own, started by the project's script (<c>infra/deps.sh start redis</c>, durable as it is
/// everywhere) on a free port and a data directory of its own, so the test may stop, kill or pause it: never the
/// shared one. Disposing stops it and deletes its data.
/// </summary>
public sealed class OwnRedis : IAsyncDisposable
{
    public int Port { get; } = FreePort();
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "own-redis-" + Guid.NewGuid().ToString("N"));

    /// <summary>A client configuration for it, with short timeouts so a test sees an outage quickly.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>Starts it (again: the append-only file brings its data back).</summary>
    public Task StartAsync() => DepsAsync("start");

    /// <summary>Stops it as an operator would (<c>infra/deps.sh stop redis</c>).</summary>
    public Task StopAsync() => DepsAsync("stop");

    /// <summary>kill -9 of its process.</summary>
    public async Task KillAsync()
    {
        using var process = Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(Path.Combine(DataDir, "redis.pid")), CultureInfo.InvariantCulture));
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DepsAsync("stop");
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
    }

    private async Task DepsAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["infra/deps.sh", command, "redis"])
        {
            WorkingDirectory = Repository.Root(),
            RedirectStandardError = true,
            Environment = { ["REDIS_PORT"] = Port.ToString(CultureInfo.InvariantCulture), ["REDIS_DATA_DIR"] = DataDir },
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"infra/deps.sh {command} redis failed: {errors}");
    }

    /// <summary>A TCP port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The directory holding Microservices.sln, above the test binaries.</summary>
    public static string Root()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Microservices.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
