namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// The services' own counters move by exactly the events sent, read from each host's meters (scoped to its DI
/// container, so parallel tests' hosts do not add to them).
/// </summary>
public sealed class MetricsTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    /// <summary>One stream of title A on c1's tv: play, then heartbeats every 30 s up to 120 s: 1 stream, 120 s.</summary>
    private static List<JsonObject> Stream() =>
        [.. Enumerable.Range(0, 5).Select(i => Ev($"s{i}", i == 0 ? "play" : "heartbeat", 30 * i))];

    [Fact]
    public async Task Ingest_and_sessionization_counters_move_by_exactly_the_events_sent()
    {
        await using var pipeline = new Pipeline(deps, "metrics");
        pipeline.StartSessionization();
        using var ingest = new HostMeasurements(pipeline.IngestServices);
        using var sessionization = new HostMeasurements(pipeline.SessionizationServices!);
        var missingId = Ev("x", "heartbeat", 10);
        missingId.Remove("eventId");

        // 7 posted: the stream's 5, an unknown type and an event without an id.
        List<JsonObject> posted = [.. Stream(), Ev("bad", "rewind", 10), missingId];
        var answer = await pipeline.PostAsync(posted);
        Assert.Equal(5, (int)answer["accepted"]!);
        await pipeline.WaitForProcessedAsync(5);
        await Eventually.UntilAsync(() => sessionization.Sum("sessionization.events.applied") >= 5, "5 applied events");

        Assert.Equal(5, ingest.Sum("ingest.events.accepted", ("kind", "playback")));
        Assert.Equal(2, ingest.Sum("ingest.events.rejected", ("kind", "playback"), ("reason", "invalid")));
        Assert.Equal(1, ingest.Sum("ingest.events.rejected", ("field", "type")));
        Assert.Equal(1, ingest.Sum("ingest.events.rejected", ("field", "eventId")));
        Assert.Equal([7.0], ingest.Values("ingest.batch.size"));
        Assert.Equal(5, sessionization.Sum("sessionization.events.applied"));
        Assert.Equal(1, sessionization.Sum("sessionization.streams"));
        Assert.Equal(120, sessionization.Sum("sessionization.watched_time"));

        // The same 5 again (a client retry) are duplicates; a heartbeat 3,620 s before the newest event is late.
        await pipeline.PostAsync(Stream());
        await pipeline.PostAsync(new[] { Ev("late", "heartbeat", 120 - 3_620) });
        await pipeline.WaitForProcessedAsync(11);
        await Eventually.UntilAsync(() => sessionization.Count("sessionization.event_to_counter.latency") >= 3, "3 committed messages");

        Assert.Equal(11, ingest.Sum("ingest.events.accepted")); // ingest takes the late one: lateness is sessionization's call
        Assert.Equal(5, sessionization.Sum("sessionization.events.applied"));
        Assert.Equal(5, sessionization.Sum("sessionization.events.duplicates"));
        Assert.Equal(1, sessionization.Sum("sessionization.events.late_dropped"));
        Assert.Equal(1, sessionization.Sum("sessionization.streams"));
        Assert.Equal(120, sessionization.Sum("sessionization.watched_time"));
        // Three messages: one batch-size and one latency measurement each; Redis timed once per committed batch at least.
        Assert.Equal(11, sessionization.Sum("sessionization.batch.size"));
        Assert.Equal(3, sessionization.Count("sessionization.event_to_counter.latency"));
        Assert.All(sessionization.Values("sessionization.event_to_counter.latency"), ms => Assert.InRange(ms, 0, 60_000));
        Assert.InRange(sessionization.Count("sessionization.redis.duration"), 1, 3);
    }
}
