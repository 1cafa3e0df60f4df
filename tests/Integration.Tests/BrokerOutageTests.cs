using System.Globalization;
using System.Net.Http.Json;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;

namespace Streaming.Integration.Tests;

/// <summary>
/// Ingest and sessionization on a RabbitMQ node of the test's own, stopped for 20 seconds and started again: both
/// reconnect by themselves (no restart), the events posted after count, every number is exact and no _error queue
/// holds a message.
/// </summary>
public sealed class BrokerOutageTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task After_a_20_second_broker_outage_the_pipeline_carries_on_by_itself_with_every_number_exact()
    {
        await using var broker = new OwnRabbitMq();
        await broker.StartAsync();
        await using var pipeline = new Pipeline(deps, "brokerout", configureHost: host =>
        {
            host.UseSetting("RabbitMq:Port", broker.Port.ToString(CultureInfo.InvariantCulture));
            Pipeline.ShortOutageRetries(host);
        });
        pipeline.StartSessionization();
        var events = TwoTitles();
        await pipeline.PostAsync(events.Take(6).ToList());
        await pipeline.WaitForProcessedAsync(6);

        await broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(20));
        await broker.StartAsync();

        // Ingest answers 503 until its bus has reconnected; a client resends, as this one does.
        await Eventually.UntilAsync(async () => (await pipeline.Ingest.PostAsJsonAsync("/v1/events/playback", events.Skip(6).ToList())).StatusCode == HttpStatusCode.Accepted,
            "ingest to accept again", TimeSpan.FromSeconds(60));
        await pipeline.WaitForProcessedAsync(12);
        // A 2.00 min / 3 streams, B 3.75 min / 1 stream (EndToEndTests' TwoTitles), each event once.
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));
        await using var errors = await ErrorQueues.ConnectAsync(new RabbitMqOptions { Port = broker.Port, Host = "127.0.0.1" });
        for (var p = 0; p < Pipeline.Partitions; p++)
        {
            Assert.True(await errors.CountAsync(PlaybackPartitioning.QueueName(pipeline.Namespace + ".", p)) is null or 0, $"partition {p}'s _error queue holds messages");
        }
    }
}
