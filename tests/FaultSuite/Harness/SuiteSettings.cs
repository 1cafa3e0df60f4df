namespace Streaming.FaultSuite.Harness;

/// <summary>
/// Where the suite's own broker and Redis are (set by infra/fault-suite.sh, which started them), the ports of its
/// services, and what to run. It refuses the shared broker's and Redis' defaults: the suite kills and stops what it
/// talks to.
/// </summary>
public sealed record SuiteSettings(
    string Repository,
    int RabbitPort,
    int ManagementPort,
    string RabbitNode,
    int RedisPort,
    int Seed,
    string? Only,
    string LogDirectory)
{
    public const string Namespace = "faults";
    public const int Partitions = 4;
    public const int FirstServicePort = 5201;

    public string Redis => $"127.0.0.1:{RedisPort}";

    /// <summary>The operator key of this run's services, new each run (the suite sets up the catalog and keys with it).</summary>
    public string OperatorKey { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public static SuiteSettings FromEnvironment(string[] args)
    {
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        var repository = Path.GetFullPath(Env("FAULT_REPOSITORY", Directory.GetCurrentDirectory()));
        var seed = int.Parse(Env("FAULT_SEED", Random.Shared.Next(1, 1_000_000).ToString()));
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only" when i + 1 < args.Length: only = args[++i]; break;
                case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i]); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (use --only <fault> and --seed <n>)");
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
            Path.Combine(repository, "var/faults/logs"));
        if (settings.RabbitPort is 0 or 5672 || settings.ManagementPort is 0 or 15672 || settings.RedisPort is 0 or 6379 ||
            settings.RabbitNode is "" or "rabbit@localhost")
        {
            throw new InvalidOperationException(
                "The fault suite kills and stops its broker and Redis: run it through infra/fault-suite.sh, which starts its own " +
                "(RABBITMQ_NODENAME, RABBITMQ_PORT, RABBITMQ_MANAGEMENT_PORT and REDIS_PORT other than the shared 5672, 15672, 6379).");
        }
        return settings;
    }
}
