using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Streaming.Ingest.Telemetry;

namespace Streaming.Ingest.Tests.Endpoints;

public sealed class PlaybackEndpointTests
{
    private const string Route = "/v1/events/playback";

    private static StringContent Json(string body, string mediaType = "application/json") => new(body, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string MixedBatch() => Array(
        Minimal("e-0"),
        Minimal("e-1").Without("eventId"),
        Minimal("e-2", customerId: "c-2"),
        Minimal("e-3").With("marketplace", "XX").With("type", "seek"),
        Minimal("e-4", titleId: "t-4"));

    [Fact]
    public async Task Mixed_batch_is_202_listing_rejected_indexes_and_only_valid_events_are_published()
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json(MixedBatch()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"accepted":3,"rejectedCount":2,"rejectedOmitted":0,"rejected":[{"index":1,"errors":["eventId: required string of 1-64 characters"]},{"index":3,"errors":["type: required, one of play, heartbeat, pause, resume, stop","marketplace: required ISO 3166-1 alpha-2 code, assigned and upper case (e.g. US)"]}]}""",
            await response.Content.ReadAsStringAsync());
        var published = Assert.Single(factory.Publisher.Batches);
        Assert.Equal([MinimalAccepted("e-0"), MinimalAccepted("e-2", customerId: "c-2"), MinimalAccepted("e-4", titleId: "t-4")], published);
    }

    [Fact]
    public async Task Formula_like_ids_are_plain_ids_accepted_and_published_unchanged()
    {
        // Ingest does not judge what an id looks like; the CSV exports defuse such ids (docs/operations.md, "CSV exports").
        using var factory = new IngestFactory();
        string[] titles = ["=HYPERLINK(\"https://x.example\")", "@SUM(A1)", "+1", "-2+3"];

        var response = await factory.CreateClient().PostAsync(Route, Json(Array([.. titles.Select((t, i) => (JsonNode)Minimal($"f-{i}", titleId: t))])));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"accepted":4,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(titles.Select((t, i) => MinimalAccepted($"f-{i}", titleId: t)), Assert.Single(factory.Publisher.Batches));
    }

    [Fact]
    public async Task Single_object_is_accepted_as_a_batch_of_one()
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json(Minimal().ToJsonString()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"accepted":1,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal([MinimalAccepted()], Assert.Single(factory.Publisher.Batches));
    }

    [Fact]
    public async Task Invalid_single_object_is_rejected_at_index_0_and_nothing_is_published()
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json(Minimal().With("offer", "channel").ToJsonString()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            """{"accepted":0,"rejectedCount":1,"rejectedOmitted":0,"rejected":[{"index":0,"errors":["channelId: required string of 1-128 characters when offer is channel"]}]}""",
            await response.Content.ReadAsStringAsync());
        Assert.Empty(factory.Publisher.Batches);
    }

    [Fact]
    public async Task Array_element_that_is_not_an_object_is_rejected_by_index()
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json($"[7,{Minimal().ToJsonString()},null]"));

        Assert.Equal(
            """{"accepted":1,"rejectedCount":2,"rejectedOmitted":0,"rejected":[{"index":0,"errors":["event: must be a JSON object"]},{"index":2,"errors":["event: must be a JSON object"]}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Empty_array_is_202_and_publishes_nothing()
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json("[]"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"accepted":0,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(factory.Publisher.Batches);
    }

    [Fact]
    public async Task Json_sent_as_text_plain_is_accepted_like_sendBeacon_sends_it()
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json(Minimal().ToJsonString(), "text/plain"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(factory.Publisher.Batches);
    }

    [Theory]
    [InlineData("{\"eventId\":")]
    [InlineData("[{}")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Malformed_json_is_400_problem_naming_the_body(string body)
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var error = Assert.Single(problem.GetProperty("errors").GetProperty("body").EnumerateArray()).GetString();
        Assert.StartsWith("not valid JSON: ", error);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Empty(factory.Publisher.Batches);
    }

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("\"events\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    public async Task Json_root_that_is_neither_array_nor_object_is_400(string body, string kind)
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemOf(response)).GetProperty("errors").GetProperty("body");
        Assert.Equal($"must be a JSON array of event objects or one event object, not {kind}", Assert.Single(errors.EnumerateArray()).GetString());
    }

    private static IngestFactory WithBodyLimit(int maxBytes) => new(new Dictionary<string, string?>
    {
        ["Ingest:MaxBodyBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task Body_whose_content_length_is_over_the_limit_is_413_problem()
    {
        var body = Array(Minimal(), Minimal("e-2"));
        using var factory = WithBodyLimit(Encoding.UTF8.GetByteCount(body) - 1);

        var response = await factory.CreateClient().PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal($"The body may hold at most {Encoding.UTF8.GetByteCount(body) - 1} bytes; send the events in smaller batches.",
            problem.GetProperty("detail").GetString());
        Assert.Empty(factory.Publisher.Batches);
    }

    [Fact]
    public async Task Body_with_content_length_exactly_at_the_limit_is_accepted()
    {
        var body = Array(Minimal(), Minimal("e-2"));
        using var factory = WithBodyLimit(Encoding.UTF8.GetByteCount(body));

        var response = await factory.CreateClient().PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, Assert.Single(factory.Publisher.Batches).Count);
    }

    [Fact]
    public async Task Declared_content_length_over_the_limit_is_refused_without_reading_the_body()
    {
        using var factory = WithBodyLimit(1000);

        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = Route;
            http.Request.ContentLength = 1001;
            http.Request.Body = new UnreadableStream();
        });

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the body was read");
    }

    [Theory]
    [InlineData(-1, StatusCodes.Status413PayloadTooLarge)]
    [InlineData(0, StatusCodes.Status202Accepted)]
    public async Task Body_without_content_length_is_measured_while_read(int limitOffset, int status)
    {
        var body = Encoding.UTF8.GetBytes(Array(Minimal(), Minimal("e-2")));
        using var factory = WithBodyLimit(body.Length + limitOffset);

        // Set on the server side: HttpClient over TestServer would compute a Content-Length for any content.
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = Route;
            http.Request.Body = new MemoryStream(body);
        });

        Assert.Null(context.Request.ContentLength);
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(status == StatusCodes.Status202Accepted ? 1 : 0, factory.Publisher.Batches.Count);
    }

    [Fact]
    public async Task Broker_failure_is_503_problem_with_retry_after()
    {
        using var factory = new IngestFactory(new Dictionary<string, string?> { ["Ingest:RetryAfterSeconds"] = "7" });
        factory.Publisher.Confirm = _ => Task.FromException(new InvalidOperationException("broker unreachable"));

        var response = await factory.CreateClient().PostAsync(Route, Json(MixedBatch()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var problem = await ProblemOf(response);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("The message broker is unavailable", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Publisher_throwing_before_its_task_is_503_too()
    {
        using var factory = new IngestFactory();
        factory.Publisher.Confirm = _ => throw new InvalidOperationException("no channel");

        var response = await factory.CreateClient().PostAsync(Route, Json(Minimal().ToJsonString()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Broker_that_never_confirms_is_503_after_the_publish_timeout_and_the_send_is_abandoned()
    {
        var clock = new WatchedClock(Now);
        using var factory = new IngestFactory(new Dictionary<string, string?> { ["Ingest:PublishTimeout"] = "00:00:00.300" }, clock: clock);
        factory.Publisher.Confirm = _ => new TaskCompletionSource().Task; // ignores its token too

        var answer = factory.CreateClient().PostAsync(Route, Json(Minimal().ToJsonString()));
        await PublishTimeoutArmedAsync(clock, TimeSpan.FromMilliseconds(300));
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(answer.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await answer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(factory.Publisher.LastToken.IsCancellationRequested);
        await ProblemOf(response);
    }

    [Fact]
    public async Task Answer_waits_until_the_broker_confirmed()
    {
        var clock = new WatchedClock(Now);
        using var factory = new IngestFactory(clock: clock);
        var confirm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Publisher.Confirm = _ => confirm.Task;

        var answer = factory.CreateClient().PostAsync(Route, Json(Minimal().ToJsonString()));
        // The endpoint waits for the confirmation under the publish timeout; the clock stands still, so only a confirm ends it.
        await PublishTimeoutArmedAsync(clock, TimeSpan.FromSeconds(5));

        Assert.False(answer.IsCompleted);
        confirm.SetResult();
        Assert.Equal(HttpStatusCode.Accepted, (await answer.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
    }

    private static Task PublishTimeoutArmedAsync(WatchedClock clock, TimeSpan timeout) =>
        Eventually.UntilAsync(() => clock.Timers.Contains(timeout), $"the endpoint to wait for the broker under its {timeout.TotalMilliseconds} ms timeout",
            seen: () => $"timers [{string.Join(", ", clock.Timers)}]");

    [Fact]
    public async Task Counters_record_batch_size_accepted_and_rejected_by_first_failing_field()
    {
        using var factory = new IngestFactory();
        var client = factory.CreateClient();
        var meter = factory.Services.GetRequiredService<IngestTelemetry>().Meter;
        var measurements = new List<(string Instrument, long Value, string? Field)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();

        await client.PostAsync(Route, Json(MixedBatch()));

        Assert.Equal("ingest", meter.Name);
        lock (measurements)
        {
            Assert.Equal(
            [
                ("ingest.batch.size", 5L, null),
                ("ingest.events.rejected", 1L, "eventId"),
                ("ingest.events.rejected", 1L, "type"),
                ("ingest.events.accepted", 3L, null),
            ], measurements);
        }

        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? field = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "field") field = (string?)tag.Value;
            }
            lock (measurements) measurements.Add((instrument.Name, value, field));
        }
    }

    [Fact]
    public async Task Valid_events_the_broker_did_not_confirm_count_as_rejected_broker_unavailable()
    {
        using var factory = new IngestFactory();
        factory.Publisher.Confirm = _ => Task.FromException(new InvalidOperationException("broker unreachable"));
        var meter = factory.Services.GetRequiredService<IngestTelemetry>().Meter;
        var counted = new List<(string Instrument, long Value, string? Reason, string? Kind)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null, kind = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason") reason = (string?)tag.Value;
                if (tag.Key == "kind") kind = (string?)tag.Value;
            }
            lock (counted) counted.Add((instrument.Name, value, reason, kind));
        });
        listener.Start();

        var response = await factory.CreateClient().PostAsync(Route, Json(MixedBatch()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        lock (counted)
        {
            // The 2 invalid events, then the 3 valid ones the broker did not take; nothing counted as accepted.
            Assert.Equal(
            [
                ("ingest.events.rejected", 1L, "invalid", "playback"),
                ("ingest.events.rejected", 1L, "invalid", "playback"),
                ("ingest.events.rejected", 3L, "broker_unavailable", "playback"),
            ], counted);
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_playback_route()
    {
        using var factory = new IngestFactory();

        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty(Route).GetProperty("post");
        Assert.Equal("IngestPlaybackEvents", operation.GetProperty("operationId").GetString());
        Assert.Equal("Accept a batch of player events", operation.GetProperty("summary").GetString());
        Assert.Equal(["202", "400", "401", "403", "413", "503"], operation.GetProperty("responses").EnumerateObject().Select(p => p.Name));
        var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("array", body.GetProperty("type").GetString());
    }
}
