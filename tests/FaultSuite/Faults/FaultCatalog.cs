using Streaming.FaultSuite.Harness;

namespace Streaming.FaultSuite.Faults;

/// <summary>The faults in the order the suite runs them (issue 10, item 6), each runnable alone with <c>--only name</c>.</summary>
public static class FaultCatalog
{
    public static IReadOnlyList<Fault> All(IReadOnlyDictionary<string, ServiceProcess> services, Dependencies deps)
    {
        static Task None() => Task.CompletedTask;
        Fault Kill(string service, int downSeconds) => KillProcess($"{service.ToLowerInvariant()}-kill", services[service], downSeconds, failover: false);
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

    /// <summary>kill -9 of a service's process (the service, or one replica), started again after a few seconds.</summary>
    private static Fault KillProcess(string name, ServiceProcess target, int downSeconds, bool failover) => new(
        name, $"kill -9 {target.Name}{(failover ? " (of 2)" : "")}, restarted {downSeconds} s later",
        TimeSpan.FromSeconds(downSeconds), TimeSpan.FromSeconds(20),
        () => { target.Kill(); return Task.CompletedTask; },
        () => { target.Start(); return Task.CompletedTask; }, failover);

    /// <summary>
    /// The faults of cluster mode (issue 12, item 6), each measured for failover: the system keeps going on the
    /// survivors before the repair. Replica 1 of a consumer service is the one killed: it starts first, so with single
    /// active consumer it holds partitions (all of them, until partitions are spread over the replicas; its share then). The broker node killed is node 1, the first of
    /// RabbitMq:Hosts, which every service is connected to; the Redis master killed is the one serving the engagement
    /// slot (<c>{eng}</c>), which every engagement commit writes to.
    /// </summary>
    public static IReadOnlyList<Fault> Cluster(IReadOnlyDictionary<string, ServiceProcess> replicas, Dependencies deps)
    {
        static Task None() => Task.CompletedTask;
        Fault Kill(string service, int downSeconds) =>
            KillProcess($"{service.ToLowerInvariant()}-replica-kill", replicas[$"{service}-1"], downSeconds, failover: true);
        return
        [
            new("none", "no fault (baseline)", TimeSpan.Zero, TimeSpan.FromSeconds(10), None, None),
            Kill("Sessionization", 10),
            Kill("Subscriptions", 10),
            Kill("EngagementRanking", 10),
            Kill("Ingest", 5),
            // With Redis:WaitForReplicas=1 the promoted master's slots commit again once the killed node is back as
            // its replica: their failover runs through the repair.
            new("redis-master-kill", "kill -9 the Redis master of the {eng} slot; its replica promoted; restarted 20 s later, it rejoins as a replica",
                TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30),
                async () => PhaseRunner.Log($"redis-master-kill: killed the master on port {await deps.KillRedisMasterAsync("eng")}"),
                () => deps.StartClusterAsync("redis"), Failover: true, FailoverThroughRepair: true),
            new("rabbitmq-node-kill", "kill -9 RabbitMQ node 1 of 3; restarted 15 s later (infra/cluster-deps.sh start rabbitmq)",
                TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40),
                () => deps.KillRabbitNodeAsync(1), () => deps.StartClusterAsync("rabbitmq"), Failover: true),
        ];
    }
}
