using Streaming.Ingest.Tests.Endpoints;

namespace Streaming.Ingest.Tests.Publishing;

/// <summary>The real publisher against the real broker: what a 202 promises is in the partition queues.</summary>
public sealed class MassTransitPlaybackPublisherTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const string Route = "/v1/events/playback";

    [Fact]
    public async Task Accepted_events_wait_in_durable_partition_queues_before_any_consumer_exists()
    {
        var ns = RealDependencies.NewNamespace("ingest");
        var settings = dependencies.ServiceSettings(ns, partitions: 4);
        settings["Ingest:MaxEventsPerMessage"] = "2";
        using var factory = new IngestFactory(settings, realPublisher: true, clock: new FakeTimeProvider(Now));
        // c-1 falls in partition 1 and c-3 in partition 3 of 4 (PlaybackMessagePlanTests checks it).
        var body = Array(Minimal("a1", "c-1"), Minimal("b1", "c-3"), Minimal("a2", "c-1"), Minimal("a3", "c-1"), Minimal("b2", "c-3"));

        var response = await factory.CreateClient().PostAsync(Route, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await using var queues = await PartitionQueues.OpenAsync(dependencies, new[] { 1, 3 }.ToDictionary(p => p, p => PlaybackPartitioning.QueueName(ns + ".", p)));
        foreach (var (partition, expected) in new[] { (1, new[] { "a1,a2", "a3" }), (3, ["b1,b2"]) })
        {
            Assert.Equal(((uint)expected.Length, 0u), await queues.DeclareDurableAsync(partition));

            var messages = new List<string>();
            for (var i = 0; i < expected.Length; i++)
            {
                var message = await queues.TakeAsync(partition);
                Assert.Equal(partition, message.GetProperty("partition").GetInt32());
                Assert.Equal(Now, message.GetProperty("acceptedAt").GetDateTimeOffset());
                var events = PlaybackEventPacking.Unpack(message.GetProperty("events").GetBytesFromBase64(), message.GetProperty("eventCount").GetInt32());
                messages.Add(string.Join(",", events.Select(e => e.EventId)));
            }
            // Chunks of one partition are sent concurrently, so their order in the queue is not fixed.
            Assert.Equal(expected, messages.Order());
        }
    }

    [Fact]
    public async Task Unreachable_broker_is_503_after_the_publish_timeout()
    {
        var settings = dependencies.ServiceSettings(RealDependencies.NewNamespace("ingest"));
        settings["RabbitMq:Port"] = "1"; // nothing listens there
        settings["Ingest:PublishTimeout"] = "00:00:01";
        using var factory = new IngestFactory(settings, realPublisher: true);

        var response = await factory.CreateClient().PostAsync(Route, new StringContent(Minimal().ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }
}
