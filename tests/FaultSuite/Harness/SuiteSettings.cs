namespace Streaming.FaultSuite.Harness;

/// <summary>
/// Where the suite's own broker and Redis are (set by infra/fault-suite.sh, which started them), the ports of its
/// services, and what to run. It refuses the shared broker's and Redis' defaults: the suite kills and stops what it
/// talks to. With <see cref="Cluster"/> (infra/fault-suite.sh --cluster) the broker and Redis are the suite's own local
/// cluster and every service runs in <see cref="ClusterLayout.Replicas"/> replicas.
/// </summary>
public sealed record SuiteSettings(
    string Repository,
    int RabbitPort,
    int ManagementPort,
    string RabbitNode,
    int RedisPort,
    int Seed,
    string? Only,
    string LogDirectory,
    ClusterLayout? Cluster = null)
{
    public const string Namespace = "faults";
    public const int FirstServicePort = 5201;

    /// <summary>Services' ports in cluster mode: replica n of the i-th service on 5300 + 10i + n (5311, 5312, 5321, ...).</summary>
    public const int FirstClusterServicePort = 5310;

    /// <summary>4 on one node; 16 in cluster mode, as infra/run-all.sh --cluster, so every Redis master holds a share.</summary>
    public int Partitions => Cluster is null ? 4 : 16;

    public string Redis => Cluster?.Redis ?? $"127.0.0.1:{RedisPort}";

    /// <summary>The management API of each broker node: the first that answers is asked (one may be down).</summary>
    public IReadOnlyList<int> ManagementPorts => Cluster?.ManagementPorts ?? [ManagementPort];

    /// <summary>The operator key of this run's services, new each run (the suite sets up the catalog and keys with it).</summary>
    public string OperatorKey { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public static SuiteSettings FromEnvironment(string[] args)
    {
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        var repository = Path.GetFullPath(Env("FAULT_REPOSITORY", Directory.GetCurrentDirectory()));
        var seed = int.Parse(Env("FAULT_SEED", Random.Shared.Next(1, 1_000_000).ToString()));
        string? only = null;
        ClusterLayout? cluster = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only" when i + 1 < args.Length: only = args[++i]; break;
                case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i]); break;
                case "--cluster":
                    cluster = new ClusterLayout(int.Parse(Env("CLUSTER_AMQP_BASE", "0")), int.Parse(Env("CLUSTER_REDIS_BASE", "0")), Env("CLUSTER_RUN", ""));
                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (use --cluster, --only <fault> and --seed <n>)");
            }
        }
        var settings = new SuiteSettings(
            repository,
            int.Parse(Env("RABBITMQ_PORT", "0")),
            int.Parse(Env("RABBITMQ_MANAGEMENT_PORT", "0")),
            Env("RABBITMQ_NODENAME", ""),
            int.Parse(Env("REDIS_PORT", "0")),
            seed,
            only,
            Path.Combine(repository, cluster is null ? "var/faults/logs" : "var/faults-cluster/logs"),
            cluster);
        if (settings.RabbitPort is 0 or 5672 || settings.ManagementPort is 0 or 15672 || settings.RedisPort is 0 or 6379 ||
            settings.RabbitNode is "" or "rabbit@localhost" or "rabbit1@localhost" ||
            cluster is { } c && (c.AmqpBase is 0 or 5680 || c.RedisBase is 0 or 7000 || c.RunDirectory is ""))
        {
            throw new InvalidOperationException(
                "The fault suite kills and stops its broker and Redis: run it through infra/fault-suite.sh, which starts its own " +
                "(RABBITMQ_NODENAME, RABBITMQ_PORT, RABBITMQ_MANAGEMENT_PORT and REDIS_PORT other than the shared 5672, 15672, 6379; " +
                "with --cluster, CLUSTER_AMQP_BASE, CLUSTER_REDIS_BASE and CLUSTER_RUN other than those of infra/run-all.sh --cluster).");
        }
        return settings;
    }
}
