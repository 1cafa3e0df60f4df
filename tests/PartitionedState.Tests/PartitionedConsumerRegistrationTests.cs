using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Streaming.PartitionedState.Hosting;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Tests;

/// <summary>A toy command for one partition queue.</summary>
public sealed record ToyCommand
{
    public required string Namespace { get; init; }
}

/// <summary>Always fails, and counts its attempts per namespace.</summary>
public sealed class FailingToyConsumer : IConsumer<ToyCommand>
{
    public static readonly ConcurrentDictionary<string, int> Attempts = new();

    public Task Consume(ConsumeContext<ToyCommand> context)
    {
        Attempts.AddOrUpdate(context.Message.Namespace, 1, (_, n) => n + 1);
        throw new InvalidOperationException("toy failure");
    }
}

public sealed class FailingToyConsumerDefinition : ConsumerDefinition<FailingToyConsumer>
{
    public FailingToyConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>Meets an outage for its first six attempts (more than poison's four retries), then succeeds.</summary>
public sealed class OutageToyConsumer : IConsumer<ToyCommand>
{
    public const int FailedAttempts = 6;
    public static readonly ConcurrentDictionary<string, int> Attempts = new();

    public Task Consume(ConsumeContext<ToyCommand> context)
    {
        var attempt = Attempts.AddOrUpdate(context.Message.Namespace, 1, (_, n) => n + 1);
        return attempt <= FailedAttempts ? throw new TransientFaultException("toy outage") : Task.CompletedTask;
    }
}

public sealed class OutageToyConsumerDefinition : ConsumerDefinition<OutageToyConsumer>
{
    public OutageToyConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>The registration on the real broker: one queue per partition, each with the bus-wide retry policy.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class PartitionedConsumerRegistrationTests(RealDependencies deps)
{
    [Fact]
    public async Task A_partition_queue_holds_a_message_through_an_outage_longer_than_poisons_retries()
    {
        var ns = RealDependencies.NewNamespace("regout");
        using var host = await StartAsync<OutageToyConsumer, OutageToyConsumerDefinition>(ns, new()
        {
            ["Resilience:OutageRetryFirst"] = "00:00:00.1",
            ["Resilience:OutageRetryCap"] = "00:00:00.2",
            ["Resilience:OutageRetryFor"] = "00:00:30",
        });
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            await (await bus.GetSendEndpoint(new Uri($"queue:{ns}.toy-0"))).Send(new ToyCommand { Namespace = ns });

            // Six transient faults (waits 0.1, 0.2, 0.2, 0.2, 0.2, 0.2 s), then the seventh attempt succeeds: nothing in _error.
            await Eventually.UntilAsync(() => OutageToyConsumer.Attempts.GetValueOrDefault(ns) == OutageToyConsumer.FailedAttempts + 1, "the seventh attempt");
            await Eventually.UntilAsync(() => deps.QueueMessagesAsync($"{ns}.toy-0"), n => n == 0, "toy-0 drained");
            Assert.Null(await deps.QueueMessagesAsync($"{ns}.toy-0_error"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Every_partition_queue_gets_the_consumer_and_the_retry_policy_then_the_error_queue()
    {
        var ns = RealDependencies.NewNamespace("reg");
        using var host = await StartAsync<FailingToyConsumer, FailingToyConsumerDefinition>(ns, []);
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            await (await bus.GetSendEndpoint(new Uri($"queue:{ns}.toy-1"))).Send(new ToyCommand { Namespace = ns });

            // One delivery and four retries (TransientRetry: 0.1, 0.5, 1 and 2 s), then the partition's error queue.
            await Eventually.UntilAsync(() => deps.QueueMessagesAsync($"{ns}.toy-1_error"), n => n == 1, "the message in toy-1_error");
            Assert.Equal(5, FailingToyConsumer.Attempts[ns]);
            Assert.Equal(0, await deps.QueueMessagesAsync($"{ns}.toy-0"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>A host with the toy consumer on two partition queues ({ns}.toy-0 and toy-1), started.</summary>
    private async Task<IHost> StartAsync<TConsumer, TDefinition>(string ns, Dictionary<string, string?> settings)
        where TConsumer : class, IConsumer
        where TDefinition : class, IConsumerDefinition<TConsumer>
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(deps.ServiceSettings(ns, partitions: 2)).AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddPartitionedConsumer<TConsumer, TDefinition>((prefix, p) => $"{prefix}toy-{p}", _ => 7);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
