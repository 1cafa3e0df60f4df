using System.Diagnostics;
using System.Globalization;

namespace Streaming.TestSupport;

/// <summary>
/// A RabbitMQ node of one test's own (docs: /work/shared/MACHINE-NOTES.md, "Clusters on one machine"): its own node
/// name, AMQP and distribution ports, data, log and Erlang cookie under a temporary HOME, no plugins, so the test may
/// stop and start it: never the shared broker. Disposing stops it and deletes its data.
/// </summary>
public sealed class OwnRabbitMq : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin/";

    public int Port { get; } = OwnRedis.FreePort();
    public string NodeName { get; } = $"rabbit-test-{Guid.NewGuid():N}@localhost";
    public string Home { get; } = Path.Combine(Path.GetTempPath(), "own-rabbitmq-" + Guid.NewGuid().ToString("N"));

    private readonly int _distributionPort = OwnRedis.FreePort();

    /// <summary>Starts the node (again: its queues and durable messages come back) and waits for its AMQP port.</summary>
    public async Task StartAsync()
    {
        if (!Directory.Exists(Home))
        {
            Directory.CreateDirectory(Home);
            var cookie = Path.Combine(Home, ".erlang.cookie");
            await File.WriteAllTextAsync(cookie, Guid.NewGuid().ToString("N").ToUpperInvariant());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cookie, UnixFileMode.UserRead); // Erlang refuses a readable cookie
            await File.WriteAllTextAsync(Path.Combine(Home, "enabled_plugins"), "[].");
            await File.WriteAllTextAsync(Path.Combine(Home, "rabbitmq.conf"), "loopback_users.guest = true\n");
        }
        await RunAsync("rabbitmq-server", "-detached");
        await Eventually.UntilAsync(PortOpenAsync, $"the own RabbitMQ node to open port {Port}", TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops the node (rabbitmqctl stop); its port closes.</summary>
    public Task StopAsync() => RunAsync("rabbitmqctl", "-n", NodeName, "stop");

    public async ValueTask DisposeAsync()
    {
        if (await PortOpenAsync()) await StopAsync();
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
    }

    private async Task<bool> PortOpenAsync()
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private async Task RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Bin + tool, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (key, value) in Environment())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {await output} {errors}");
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = Home,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(Home, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(Home, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(Home, "pid"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Home, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(Home, "rabbitmq"),
        // Idle nodes stay near 1 % of a core instead of spinning schedulers on the shared 2 cores.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "+S 1:1 +sbwt none +sbwtdcpu none +sbwtdio none",
    };
}
