using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

/// <summary>The registration on the real broker: one queue per partition, each with the bus-wide retry policy.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class PartitionedConsumerRegistrationTests(RealDependencies deps)
{
    [Fact]
    public async Task Every_partition_queue_gets_the_consumer_and_the_retry_policy_then_the_error_queue()
    {
        var ns = RealDependencies.NewNamespace("reg");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(deps.ServiceSettings(ns, partitions: 2));
        builder.AddServiceDefaults();
        builder.AddPartitionedConsumer<FailingToyConsumer, FailingToyConsumerDefinition>((prefix, p) => $"{prefix}toy-{p}", _ => 7);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            await (await bus.GetSendEndpoint(new Uri($"queue:{ns}.toy-1"))).Send(new ToyCommand { Namespace = ns });

            // One delivery and four retries (TransientRetry: 0.1, 0.5, 1 and 2 s), then the partition's error queue.
            await Until(async () => await QueueMessagesAsync($"{ns}.toy-1_error") == 1, "the message in toy-1_error");
            Assert.Equal(5, FailingToyConsumer.Attempts[ns]);
            Assert.Equal(0, await QueueMessagesAsync($"{ns}.toy-0"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !await condition(); await Task.Delay(250))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 30 s for {what}");
        }
    }

    /// <summary>Messages in a queue, from the broker's management API; null when there is no such queue.</summary>
    private async Task<long?> QueueMessagesAsync(string queue)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{deps.RabbitHost}:15672/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{deps.RabbitUser}:{deps.RabbitPassword}")));
        var response = await http.GetAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<QueueInfo>())?.Messages ?? 0 : null;
    }

    private sealed record QueueInfo(long? Messages);
}
