using Streaming.Ingest.Tests.Endpoints;
using Streaming.Ingest.Tests.Publishing;
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
        await using var queues = await PartitionQueues.OpenAsync(dependencies, new[] { 1, 3 }.ToDictionary(p => p, p => SubscriptionPartitioning.QueueName(ns + ".", p)));
        foreach (var (partition, expected) in new[] { (1, "a1,a2"), (3, "b1") })
        {
            Assert.Equal(1u, (await queues.DeclareDurableAsync(partition)).Messages);
            var message = await queues.TakeAsync(partition);
            Assert.Equal(partition, message.GetProperty("partition").GetInt32());
            var events = message.GetProperty("events").EnumerateArray().ToList();
            Assert.Equal(expected, string.Join(",", events.Select(e => e.GetProperty("eventId").GetString())));
            Assert.All(events, e => Assert.Equal("2025-02-28T23:30:00-08:00", e.GetProperty("occurredAt").GetString()));
        }
    }
}
