using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Streaming.PartitionedState.Hosting;
using Streaming.PartitionedState.Replicas;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Tests.Replicas;

/// <summary>Records which replica consumed each toy message, per namespace: (queue, replica id).</summary>
public sealed class RecordingToyConsumer(PartitionAssignment assignment) : IConsumer<ToyCommand>
{
    public static readonly ConcurrentDictionary<string, ConcurrentBag<(string Queue, string Replica)>> Seen = new();

    public Task Consume(ConsumeContext<ToyCommand> context)
    {
        Seen.GetOrAdd(context.Message.Namespace, _ => []).Add((context.ReceiveContext.InputAddress.AbsolutePath.TrimStart('/'), assignment.ReplicaId));
        return Task.CompletedTask;
    }
}

public sealed class RecordingToyConsumerDefinition : ConsumerDefinition<RecordingToyConsumer>;

/// <summary>
/// Two replicas of a partitioned service in one process, on quorum queues (single active consumer) of the real
/// broker and the real Redis: they split the partitions as the rendezvous function says, each queue has one consumer,
/// and each partition's messages are consumed by its owner.
/// </summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class ReplicaSpreadTests(RealDependencies deps)
{
    private const int Partitions = 4;

    [Fact]
    public async Task Two_replicas_each_consume_the_half_of_the_partitions_the_rendezvous_function_gives_them()
    {
        var ns = RealDependencies.NewNamespace("spread");
        using var a = await StartAsync(ns, "a");
        using var b = await StartAsync(ns, "b");
        try
        {
            var (ownerA, ownerB) = (Assignment(a), Assignment(b));
            // "a" first alone with every partition; "b" then joins and "a" lets go of b's at its next heartbeat.
            await Eventually.UntilAsync(() => ownerA.Owned.SequenceEqual([0, 2]) && ownerB.Owned.SequenceEqual([1, 3]),
                "a on partitions 0 and 2, b on 1 and 3", seen: () => $"a {string.Join(',', ownerA.Owned)}, b {string.Join(',', ownerB.Owned)}");
            for (var p = 0; p < Partitions; p++)
            {
                await Eventually.UntilAsync(() => deps.QueueConsumersAsync($"{ns}.toy-{p}"), n => n == 1, $"one consumer on toy-{p}");
            }

            var bus = a.Services.GetRequiredService<IBus>();
            for (var round = 0; round < 3; round++)
            {
                for (var p = 0; p < Partitions; p++)
                {
                    await (await bus.GetSendEndpoint(new Uri($"exchange:{ns}.toy-{p}"))).Send(new ToyCommand { Namespace = ns });
                }
            }

            await Eventually.UntilAsync(() => RecordingToyConsumer.Seen.GetValueOrDefault(ns)?.Count == 3 * Partitions, "12 toy messages consumed");
            var consumedBy = RecordingToyConsumer.Seen[ns].GroupBy(s => s.Queue).ToDictionary(g => g.Key, g => string.Join(',', g.Select(s => s.Replica).Distinct()));
            Assert.Equal(new Dictionary<string, string>
            {
                [$"{ns}.toy-0"] = "a",
                [$"{ns}.toy-1"] = "b",
                [$"{ns}.toy-2"] = "a",
                [$"{ns}.toy-3"] = "b",
            }, consumedBy);
            Assert.Equal(["a", "b"], (await deps.Redis.GetDatabase().SortedSetRangeByRankAsync(ReplicaRegistry.Key(ns + ".", "toy"))).Select(v => v.ToString()).Order());
        }
        finally
        {
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
        }
    }

    [Fact]
    public async Task With_Redis_gone_the_replicas_keep_their_partitions_and_resume_the_protocol_when_it_is_back()
    {
        var ns = RealDependencies.NewNamespace("spreadout");
        await using var redis = new OwnRedis();
        await redis.StartAsync();
        using var a = await StartAsync(ns, "a", redis.Configuration);
        using var b = await StartAsync(ns, "b", redis.Configuration);
        try
        {
            var (ownerA, ownerB) = (Assignment(a), Assignment(b));
            await Eventually.UntilAsync(() => ownerA.Owned.SequenceEqual([0, 2]) && ownerB.Owned.SequenceEqual([1, 3]),
                "a on partitions 0 and 2, b on 1 and 3", seen: () => $"a {string.Join(',', ownerA.Owned)}, b {string.Join(',', ownerB.Owned)}");

            await redis.KillAsync();
            // Longer than an entry's expiry (3 s) and several heartbeats: nobody may read "I am alone" into the silence.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal([0, 2], ownerA.Owned);
            Assert.Equal([1, 3], ownerB.Owned);

            await redis.StartAsync();
            await b.StopAsync(); // b leaves the member set; a, hearing from Redis again, takes b's partitions
            await Eventually.UntilAsync(() => ownerA.Owned.SequenceEqual([0, 1, 2, 3]), "a on every partition",
                seen: () => string.Join(',', ownerA.Owned));
        }
        finally
        {
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
        }
    }

    [Fact]
    public async Task A_replica_that_stops_cleanly_leaves_and_the_other_takes_its_partitions_without_waiting_for_its_entry_to_expire()
    {
        var ns = RealDependencies.NewNamespace("spreadleave");
        // Entries live 5 minutes here: far beyond the wait below, so only b's leaving can hand its partitions over.
        using var a = await StartAsync(ns, "a", expiry: TimeSpan.FromMinutes(5));
        using var b = await StartAsync(ns, "b", expiry: TimeSpan.FromMinutes(5));
        try
        {
            var (ownerA, ownerB) = (Assignment(a), Assignment(b));
            await Eventually.UntilAsync(() => ownerA.Owned.SequenceEqual([0, 2]) && ownerB.Owned.SequenceEqual([1, 3]),
                "a on partitions 0 and 2, b on 1 and 3", seen: () => $"a {string.Join(',', ownerA.Owned)}, b {string.Join(',', ownerB.Owned)}");

            await b.StopAsync();
            Assert.Equal(["a"], (await deps.Redis.GetDatabase().SortedSetRangeByRankAsync(ReplicaRegistry.Key(ns + ".", "toy"))).Select(v => v.ToString()));
            await Eventually.UntilAsync(() => ownerA.Owned.SequenceEqual([0, 1, 2, 3]), "a on every partition", TimeSpan.FromSeconds(20),
                seen: () => string.Join(',', ownerA.Owned));
        }
        finally
        {
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
        }
    }

    private static PartitionAssignment Assignment(IHost host) => host.Services.GetRequiredService<PartitionAssignment>();

    /// <summary>A replica named <paramref name="replica"/> of the toy service on quorum partition queues {ns}.toy-0 … toy-3, started.</summary>
    private async Task<IHost> StartAsync(string ns, string replica, string? redis = null, TimeSpan? expiry = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "Toy" });
        builder.Configuration.AddInMemoryCollection(deps.ServiceSettings(ns, Partitions)).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:QuorumQueues"] = "true",
            ["Pipeline:ReplicaId"] = replica,
            ["Pipeline:ReplicaHeartbeat"] = "00:00:00.5",
            ["Pipeline:ReplicaExpiry"] = (expiry ?? TimeSpan.FromSeconds(3)).ToString("c"),
        });
        if (redis is not null) builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:Configuration"] = redis });
        builder.AddServiceDefaults();
        builder.AddPartitionedConsumer<RecordingToyConsumer, RecordingToyConsumerDefinition>((prefix, p) => $"{prefix}toy-{p}", _ => 7);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
