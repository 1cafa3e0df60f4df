namespace Streaming.Integration.Tests;

/// <summary>Events posted to ingest come out of the gateway as exact numbers, through the real broker and Redis.</summary>
public sealed class EndToEndTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static void AssertTwoTitles(System.Text.Json.Nodes.JsonObject answer)
    {
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact(answer["totals"]));
        var groups = answer["groups"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.Equal("A", (string?)groups[0]!["key"]);
        Assert.Equal("""{"minutesStreamed":2.00,"uniqueStreams":3}""", Pipeline.Compact(groups[0]!["totals"]));
        Assert.Equal("B", (string?)groups[1]!["key"]);
        Assert.Equal("""{"minutesStreamed":3.75,"uniqueStreams":1}""", Pipeline.Compact(groups[1]!["totals"]));
    }

    [Fact]
    public async Task Posted_events_come_out_as_exact_minutes_and_streams_at_the_gateway()
    {
        await using var pipeline = new Pipeline(deps, "e2e");
        pipeline.StartSessionization();

        var answer = await pipeline.PostAsync(TwoTitles());
        Assert.Equal("""{"accepted":12,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""", Pipeline.Compact(answer));
        await pipeline.WaitForProcessedAsync(12);

        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
    }

    [Fact]
    public async Task Same_batch_posted_twice_changes_nothing()
    {
        await using var pipeline = new Pipeline(deps, "twice");
        pipeline.StartSessionization();

        await pipeline.PostAsync(TwoTitles());
        await pipeline.PostAsync(TwoTitles());
        await pipeline.WaitForProcessedAsync(24);

        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
        Assert.Equal(12, await pipeline.SumStatAsync("duplicates"));
    }

    [Fact]
    public async Task Events_in_reverse_order_give_the_same_numbers()
    {
        await using var pipeline = new Pipeline(deps, "reverse");
        pipeline.StartSessionization();

        var events = TwoTitles();
        events.Reverse();
        foreach (var chunk in events.Chunk(3)) await pipeline.PostAsync(chunk);
        await pipeline.WaitForProcessedAsync(12);

        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
    }

    [Fact]
    public async Task Consumer_stopped_mid_stream_and_restarted_loses_and_double_counts_nothing()
    {
        await using var pipeline = new Pipeline(deps, "restart");
        pipeline.StartSessionization();
        var events = TwoTitles();
        await pipeline.PostAsync(events.Take(6));
        await pipeline.WaitForProcessedAsync(6);

        await pipeline.StopSessionizationAsync();
        // Accepted while no consumer runs: the broker holds them. The repeat of a5 must not count twice.
        await pipeline.PostAsync(events.Skip(4));
        Assert.Equal(6, await pipeline.ProcessedAsync());
        pipeline.StartSessionization();
        await pipeline.WaitForProcessedAsync(14);

        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
    }

    [Fact]
    public async Task Bad_events_are_rejected_by_index_and_the_good_ones_in_the_batch_still_count()
    {
        await using var pipeline = new Pipeline(deps, "bad");
        pipeline.StartSessionization();
        var events = TwoTitles().Cast<object>().ToList();
        events.Insert(3, new Dictionary<string, object?> { ["eventId"] = "x", ["type"] = "rewind" });
        var future = Ev("f1", "heartbeat", 0, title: "A");
        future["occurredAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        events.Add(future);

        var answer = await pipeline.PostAsync(events);
        Assert.Equal(12, (int)answer["accepted"]!);
        var rejected = answer["rejected"]!.AsArray();
        Assert.Equal([3, 13], rejected.Select(r => (int)r!["index"]!));
        await pipeline.WaitForProcessedAsync(12);

        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
    }

    [Fact]
    public async Task Malformed_body_gets_problem_json_and_disturbs_no_counter()
    {
        await using var pipeline = new Pipeline(deps, "malformed");
        pipeline.StartSessionization();

        var response = await pipeline.Ingest.PostAsync("/v1/events/playback",
            new StringContent("[{\"eventId\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        await pipeline.PostAsync(TwoTitles());
        await pipeline.WaitForProcessedAsync(12);
        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
    }

    [Fact]
    public async Task Event_later_than_the_allowed_lateness_is_dropped_and_counted_as_late()
    {
        await using var pipeline = new Pipeline(deps, "late");
        pipeline.StartSessionization();
        await pipeline.PostAsync(TwoTitles());
        // Title A's newest event is at 180 s (on tv); a tv heartbeat 3,600 s before that is 20 s too late (> 60 min)
        // and is dropped. A heartbeat at 170 s on tv is in time: it only splits the 150 → 180 interval.
        await pipeline.PostAsync(new[] { Ev("late", "heartbeat", 180 - 3_620, device: "tv"), Ev("ok", "heartbeat", 170, device: "tv") });
        await pipeline.WaitForProcessedAsync(14);

        Assert.Equal(1, await pipeline.SumStatAsync("late"));
        AssertTwoTitles(await pipeline.QueryAsync(TwoTitlesQuery));
    }
}
