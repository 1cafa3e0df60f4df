using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Streaming.PartitionedState.Replicas;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Tests.Replicas;

/// <summary>The broker's count of consumers per queue, against the real RabbitMQ, as the stall check reads it.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class QueueConsumersTests(RealDependencies dependencies)
{
    private RabbitMqOptions Rabbit => new()
    {
        Host = dependencies.RabbitHost, Port = dependencies.RabbitPort, Username = dependencies.RabbitUser, Password = dependencies.RabbitPassword,
    };

    [Fact]
    public async Task Counts_the_consumers_of_each_queue_and_null_from_a_queue_that_does_not_exist_on()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] queues = [$"consumers-{run}-a", $"consumers-{run}-b"];
        await using var connection = await Rabbit.ConnectAsync("queue-consumers-test");
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues) await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        try
        {
            await using var consumers = new QueueConsumers(Options.Create(Rabbit));
            Assert.Equal([0u, 0u], await consumers.CountAsync(queues, CancellationToken.None));

            // Two consumers on b, none on a.
            await channel.BasicConsumeAsync(queues[1], autoAck: false, new AsyncEventingBasicConsumer(channel));
            await channel.BasicConsumeAsync(queues[1], autoAck: false, new AsyncEventingBasicConsumer(channel));
            Assert.Equal([0u, 2u], await consumers.CountAsync(queues, CancellationToken.None));

            // A queue that does not exist closes the channel: it and the ones after it are not answered.
            Assert.Equal([0u, null, null], await consumers.CountAsync([queues[0], $"consumers-{run}-missing", queues[1]], CancellationToken.None));
        }
        finally
        {
            foreach (var queue in queues) await channel.QueueDeleteAsync(queue);
        }
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_gives_no_count()
    {
        await using var consumers = new QueueConsumers(Options.Create(new RabbitMqOptions { Host = "127.0.0.1", Port = 1 }));
        Assert.Equal([null, null], await consumers.CountAsync(["a", "b"], CancellationToken.None));
    }
}
