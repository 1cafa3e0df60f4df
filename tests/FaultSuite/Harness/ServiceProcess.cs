using System.Diagnostics;

namespace Streaming.FaultSuite.Harness;

/// <summary>
/// One service as its own process (or one replica of it, in cluster mode), started the way infra/run-all.sh starts
/// it (the Release build, environment configuration), pointed at the suite's broker and Redis; killed with SIGKILL and
/// started again with the same settings.
/// </summary>
public sealed class ServiceProcess(string service, int port, SuiteSettings settings, int? replica = null)
{
    private Process? process;

    /// <summary>The service (<c>Ingest</c>), whatever the replica.</summary>
    public string Service => service;

    /// <summary>The service, with the replica's number in cluster mode (<c>Ingest-2</c>): its log file's name.</summary>
    public string Name { get; } = replica is { } n ? $"{service}-{n}" : service;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");

    public void Start()
    {
        Directory.CreateDirectory(settings.LogDirectory);
        var dll = Path.Combine(settings.Repository, $"services/{service}/bin/Release/net10.0/{service}.dll");
        var log = Path.Combine(settings.LogDirectory, $"{Name}.log");
        // Through exec, so the pid is the service's own and its output goes to the log (appended across restarts).
        var start = new ProcessStartInfo("bash", ["-c", $"exec dotnet \"{dll}\" >>\"{log}\" 2>&1"])
        {
            UseShellExecute = false,
            WorkingDirectory = settings.Repository,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        env["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(dll); // as infra/run-all.sh
        env["DOTNET_GCgen0size"] = "0x4000000"; // as infra/run-all.sh
        env["RabbitMq__Host"] = "127.0.0.1";
        env["RabbitMq__Port"] = settings.RabbitPort.ToString();
        env["Redis__Configuration"] = settings.Redis;
        env["Pipeline__Namespace"] = SuiteSettings.Namespace;
        env["Pipeline__Partitions"] = settings.Partitions.ToString();
        env["Auth__OperatorKey"] = settings.OperatorKey;
        if (settings.Cluster is { } cluster)
        {
            // The cluster settings of infra/run-all.sh --cluster.
            env["RabbitMq__Hosts"] = cluster.RabbitHosts;
            env["RabbitMq__QuorumQueues"] = "true";
            env["Redis__WaitForReplicas"] = "1";
        }
        env.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        File.AppendAllText(log, $"---- fault suite: starting {Name} at {DateTimeOffset.UtcNow:O}\n");
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Name}");
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
