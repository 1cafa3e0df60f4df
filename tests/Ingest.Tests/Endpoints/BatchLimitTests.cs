using System.Globalization;
using Streaming.Ingest.Tests.Hostile;

namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>What one request may cost: its events are capped, and so is the part of the answer that lists rejections.</summary>
[Collection(AloneCollection.Name)] // eight 1 MiB requests at once
public sealed class BatchLimitTests
{
    private const string Route = "/v1/events/playback";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static IngestFactory With(string key, int value) =>
        new(new Dictionary<string, string?> { [key] = value.ToString(CultureInfo.InvariantCulture) });

    [Fact]
    public async Task Batch_over_the_event_limit_is_413_naming_the_limit_and_nothing_is_published()
    {
        using var factory = With("Ingest:MaxEventsPerRequest", 3);

        var response = await factory.CreateClient().PostAsync(Route, Json(Array(Minimal("e-0"), Minimal("e-1"), Minimal("e-2"), Minimal("e-3"))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The batch holds too many events", problem.GetProperty("title").GetString());
        Assert.Equal("A batch may hold at most 3 events; this one holds 4. Send them in smaller batches.", problem.GetProperty("detail").GetString());
        Assert.Equal(3, problem.GetProperty("maxEvents").GetInt32());
        Assert.Equal(4, problem.GetProperty("events").GetInt32());
        Assert.Empty(factory.Publisher.Batches);
    }

    [Fact]
    public async Task Batch_at_the_event_limit_is_accepted()
    {
        using var factory = With("Ingest:MaxEventsPerRequest", 3);

        var response = await factory.CreateClient().PostAsync(Route, Json(Array(Minimal("e-0"), Minimal("e-1"), Minimal("e-2"))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, Assert.Single(factory.Publisher.Batches).Count);
    }

    [Fact]
    public async Task Only_the_first_rejections_are_listed_and_every_one_is_counted()
    {
        using var factory = With("Ingest:MaxRejectionsListed", 2);
        var body = Array(Minimal("e-0"), Minimal("e-1").With("type", "seek"), Minimal("e-2").With("offer", "svod"),
            Minimal("e-3"), Minimal("e-4").Without("titleId"));

        var response = await factory.CreateClient().PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            """{"accepted":2,"rejectedCount":3,"rejectedOmitted":1,"rejected":[{"index":1,"errors":["type: required, one of play, heartbeat, pause, resume, stop"]},{"index":2,"errors":["offer: required, one of prime, tvod, avod, channel"]}]}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(["e-0", "e-3"], Assert.Single(factory.Publisher.Batches).Select(e => e.EventId));
    }

    [Fact]
    public async Task With_no_rejection_listed_the_answer_still_counts_them()
    {
        using var factory = With("Ingest:MaxRejectionsListed", 0);

        var response = await factory.CreateClient().PostAsync(Route, Json("[{},7]"));

        Assert.Equal("""{"accepted":0,"rejectedCount":2,"rejectedOmitted":2,"rejected":[]}""", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every field the playback rules read, each wrong: 11 errors, the most one event can have.</summary>
    private const string WorstEvent =
        """{"eventId":1,"type":1,"occurredAt":1,"customerId":1,"deviceId":1,"titleId":1,"seasonId":1,"marketplace":1,"offer":1,"channelId":1,"positionSeconds":"x"}""";

    [Fact]
    public async Task Eight_concurrent_1_MiB_batches_of_the_worst_events_get_answers_an_eighth_of_their_size_at_most()
    {
        // Before the cap, each answer spelled out 11 errors for every one of the ~7,300 events: about 5 MB per 1 MiB.
        using var factory = new IngestFactory();
        var client = factory.CreateClient();
        const int maxBody = 1024 * 1024;
        var events = (maxBody - 2) / (WorstEvent.Length + 1);
        var body = "[" + string.Join(",", Enumerable.Repeat(WorstEvent, events)) + "]";
        Assert.InRange(body.Length, maxBody - WorstEvent.Length, maxBody);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var response = await client.PostAsync(Route, Json(body));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync();
        }));

        foreach (var answer in answers)
        {
            Assert.True(answer.Length <= body.Length / 8, $"{answer.Length} answer bytes for {body.Length} request bytes");
            var json = JsonDocument.Parse(answer).RootElement;
            Assert.Equal(0, json.GetProperty("accepted").GetInt32());
            Assert.Equal(events, json.GetProperty("rejectedCount").GetInt32());
            Assert.Equal(events - 100, json.GetProperty("rejectedOmitted").GetInt32());
            var listed = json.GetProperty("rejected").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 100), listed.Select(r => r.GetProperty("index").GetInt32()));
            Assert.All(listed, r => Assert.Equal(11, r.GetProperty("errors").GetArrayLength()));
        }
        Assert.Empty(factory.Publisher.Batches);
    }
}
