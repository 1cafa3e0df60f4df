using System.Diagnostics;
using Streaming.Ingest.Tests.Endpoints;

namespace Streaming.Ingest.Tests.Publishing;

/// <summary>
/// Ingest on a RabbitMQ node of the test's own, stopped for about 20 seconds and started again: meanwhile every
/// request is answered 503 with Retry-After, and afterwards 202, from the same ingest process (no restart).
/// </summary>
public sealed class BrokerOutageTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const string Route = "/v1/events/playback";

    [Fact]
    public async Task Ingest_answers_503_while_its_broker_is_down_and_202_once_it_is_back_without_a_restart()
    {
        await using var broker = new OwnRabbitMq();
        await broker.StartAsync();
        var settings = dependencies.ServiceSettings(RealDependencies.NewNamespace("brokerout"));
        settings["RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Ingest:PublishTimeout"] = "00:00:02";
        using var factory = new IngestFactory(settings, realPublisher: true);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "before")).StatusCode);

        await broker.StopAsync();
        var down = Stopwatch.StartNew();
        var answers = new List<HttpResponseMessage>();
        while (down.Elapsed < TimeSpan.FromSeconds(20)) answers.Add(await PostAsync(client, $"down-{answers.Count}"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.All(answers, a => Assert.Equal(TimeSpan.FromSeconds(5), a.Headers.RetryAfter?.Delta));
        await broker.StartAsync();
        var up = Stopwatch.StartNew();
        var attempt = 0;
        var after = await Eventually.UntilAsync(() => PostAsync(client, $"after-{attempt++}"), r => r.StatusCode == HttpStatusCode.Accepted,
            "ingest to answer 202 again", TimeSpan.FromSeconds(60));
        Console.WriteLine($"Broker down {down.Elapsed.TotalSeconds:0} s: {answers.Count} requests answered 503; 202 again {up.Elapsed.TotalSeconds:0.0} s after the port opened");
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string id) =>
        client.PostAsync(Route, new StringContent(Minimal(id).ToJsonString(), Encoding.UTF8, "application/json"));
}
