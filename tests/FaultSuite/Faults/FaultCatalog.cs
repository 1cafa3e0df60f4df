using Streaming.FaultSuite.Harness;

namespace Streaming.FaultSuite.Faults;

/// <summary>The faults in the order the suite runs them (issue 10, item 6), each runnable alone with <c>--only name</c>.</summary>
public static class FaultCatalog
{
    public static IReadOnlyList<Fault> All(IReadOnlyDictionary<string, ServiceProcess> services, Dependencies deps)
    {
        static Task None() => Task.CompletedTask;
        Fault Kill(string service, int downSeconds) => new(
            $"{service.ToLowerInvariant()}-kill", $"kill -9 {service}, restarted {downSeconds} s later",
            TimeSpan.FromSeconds(downSeconds), TimeSpan.FromSeconds(20),
            () => { services[service].Kill(); return Task.CompletedTask; },
            () => { services[service].Start(); return Task.CompletedTask; });
        return
        [
            new("none", "no fault (baseline)", TimeSpan.Zero, TimeSpan.FromSeconds(10), None, None),
            Kill("Sessionization", 5),
            Kill("Subscriptions", 5),
            Kill("EngagementRanking", 5),
            Kill("Ingest", 3),
            new("rabbitmq-restart", "RabbitMQ stopped and started (infra/deps.sh)", TimeSpan.Zero, TimeSpan.FromSeconds(30),
                deps.StopRabbitAsync, deps.StartRabbitAsync),
            new("redis-kill", "kill -9 Redis, restarted by infra/deps.sh start redis", TimeSpan.Zero, TimeSpan.FromSeconds(20),
                deps.KillRedisAsync, deps.StartRedisAsync),
            new("redis-outage", "Redis stopped for 60 s", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(75),
                deps.StopRedisAsync, deps.StartRedisAsync),
            new("rabbitmq-outage", "RabbitMQ stopped for 60 s", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(75),
                deps.StopRabbitAsync, deps.StartRabbitAsync),
        ];
    }
}
