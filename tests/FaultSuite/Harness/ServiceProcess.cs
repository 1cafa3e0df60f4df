using System.Diagnostics;

namespace Streaming.FaultSuite.Harness;

/// <summary>
/// One service as its own process, started the way infra/run-all.sh starts it (the Release build, environment
/// configuration), pointed at the suite's broker and Redis; killed with SIGKILL and started again with the same settings.
/// </summary>
public sealed class ServiceProcess(string name, int port, SuiteSettings settings)
{
    private Process? process;

    public string Name => name;
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");

    public void Start()
    {
        Directory.CreateDirectory(settings.LogDirectory);
        var dll = Path.Combine(settings.Repository, $"services/{name}/bin/Release/net10.0/{name}.dll");
        var log = Path.Combine(settings.LogDirectory, $"{name}.log");
        // Through exec, so the pid is the service's own and its output goes to the log (appended across restarts).
        var start = new ProcessStartInfo("bash", ["-c", $"exec dotnet \"{dll}\" >>\"{log}\" 2>&1"])
        {
            UseShellExecute = false,
            WorkingDirectory = settings.Repository,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        env["DOTNET_GCgen0size"] = "0x4000000"; // as infra/run-all.sh
        env["RabbitMq__Host"] = "127.0.0.1";
        env["RabbitMq__Port"] = settings.RabbitPort.ToString();
        env["Redis__Configuration"] = settings.Redis;
        env["Pipeline__Namespace"] = SuiteSettings.Namespace;
        env["Pipeline__Partitions"] = SuiteSettings.Partitions.ToString();
        env["Auth__OperatorKey"] = settings.OperatorKey;
        env.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        File.AppendAllText(log, $"---- fault suite: starting {name} at {DateTimeOffset.UtcNow:O}\n");
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
    }

    /// <summary>kill -9: no shutdown hook, no flush, no goodbye to the broker.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            using var kill = Process.Start("kill", ["-9", process.Id.ToString()]);
            kill.WaitForExit();
            process.WaitForExit();
        }
    }

    /// <summary>At the end: an ordinary stop (SIGTERM), then SIGKILL if it lingers.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            using var term = Process.Start("kill", [process.Id.ToString()]);
            term.WaitForExit();
            if (!process.WaitForExit(15_000))
            {
                Kill();
            }
        }
    }

    public bool Exited => process is null || process.HasExited;
}
