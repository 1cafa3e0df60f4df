using RabbitMQ.Client;
using Streaming.Ingest.Tests.Endpoints;
using static Streaming.Ingest.Tests.Subscriptions.SubscriptionEvents;

namespace Streaming.Ingest.Tests.Subscriptions;

/// <summary>The real publisher against the real broker: a 202 means the events wait in their durable partition queues.</summary>
public sealed class MassTransitSubscriptionPublisherTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task Accepted_events_wait_in_their_partition_queues_with_the_local_offset_kept()
    {
        var ns = RealDependencies.NewNamespace("ingest-subs");
        using var factory = new IngestFactory(dependencies.ServiceSettings(ns, partitions: 4), realPublisher: true);
        // (c-1, ch-1) falls in partition 1 and (c-3, ch-1) in partition 3 of 4 (SubscriptionMessagePlanTests).
        var body = Array(Subscription("a1", "c-1"), Subscription("b1", "c-3", type: "paid_started"), Subscription("a2", "c-1", type: "cancelled"));

        var response = await factory.CreateClient().PostAsync("/v1/events/subscription", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var connection = await new ConnectionFactory
        {
            HostName = dependencies.RabbitHost,
            Port = dependencies.RabbitPort,
            UserName = dependencies.RabbitUser,
            Password = dependencies.RabbitPassword,
        }.CreateConnectionAsync();
        await using var _ = connection;
        await using var channel = await connection.CreateChannelAsync();
        var queues = new[] { 1, 3 }.ToDictionary(p => p, p => SubscriptionPartitioning.QueueName(ns + ".", p));
        try
        {
            foreach (var (partition, expected) in new[] { (1, "a1,a2"), (3, "b1") })
            {
                var queue = await channel.QueueDeclareAsync(queues[partition], durable: true, exclusive: false, autoDelete: false);
                Assert.Equal(1u, queue.MessageCount);
                var delivery = await channel.BasicGetAsync(queues[partition], autoAck: true);
                var message = JsonDocument.Parse(delivery!.Body).RootElement.GetProperty("message");
                Assert.Equal(partition, message.GetProperty("partition").GetInt32());
                var events = message.GetProperty("events").EnumerateArray().ToList();
                Assert.Equal(expected, string.Join(",", events.Select(e => e.GetProperty("eventId").GetString())));
                Assert.All(events, e => Assert.Equal("2025-02-28T23:30:00-08:00", e.GetProperty("occurredAt").GetString()));
            }
        }
        finally
        {
            foreach (var queue in queues.Values)
            {
                await channel.QueueDeleteAsync(queue);
                await channel.ExchangeDeleteAsync(queue);
            }
        }
    }
}
