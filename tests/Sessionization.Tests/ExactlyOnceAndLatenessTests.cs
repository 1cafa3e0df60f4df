using static Streaming.Sessionization.Tests.At;

namespace Streaming.Sessionization.Tests;

public sealed class ExactlyOnceAndLatenessTests
{
    private static readonly SessionRules Rules = SessionRules.Default;

    [Fact]
    public void Repeated_event_ids_change_nothing()
    {
        var timeline = new KeyTimeline();
        var events = new[] { Play(0, "a"), Heartbeat(30, "b"), Heartbeat(60, "c") };
        timeline.Apply(events, Rules);

        var again = timeline.Apply(events, Rules);

        Assert.Empty(again.Delta.Values);
        Assert.Equal(3, again.Duplicates);
        Assert.Empty(again.Added);
    }

    [Fact]
    public void Repeat_inside_one_batch_is_counted_once()
    {
        var result = new KeyTimeline().Apply([Play(0, "a"), Heartbeat(30, "b"), Heartbeat(30, "b")], Rules);

        Assert.Equal(1, result.Duplicates);
        Assert.Equal(30_000, result.Delta.TotalWatchedMs);
    }

    [Fact]
    public void Late_heartbeat_fills_the_gap_it_belongs_to()
    {
        // play 0, hb 200 arrive first: 120 s (capped). The hb at 100 then arrives: play → 100 (100 s), 100 → 200 (100 s).
        var timeline = new KeyTimeline();
        var first = timeline.Apply([Play(0), Heartbeat(200)], Rules);
        var late = timeline.Apply([Heartbeat(100)], Rules);

        Assert.Equal(120_000, first.Delta.TotalWatchedMs);
        Assert.Equal(80_000, late.Delta.TotalWatchedMs);
        Assert.Equal(0, late.Delta.TotalStreams);
    }

    [Fact]
    public void Late_play_moves_the_stream_opening_and_its_attribution()
    {
        // Heartbeats at 1000 s and 1030 s open a tvod stream in quarter 1; a play at 990 s (prime, quarter 1) arrives later:
        // the stream now opens at the play (prime), and all its time moves from tvod to prime.
        var timeline = new KeyTimeline();
        timeline.Apply([Heartbeat(1000, offer: "tvod"), Heartbeat(1030, offer: "tvod")], Rules);
        var delta = timeline.Apply([Play(990)], Rules).Delta;

        Assert.Equal(new BucketValue(-30_000, -1), delta.Values[new BucketKey(Quarter(1), "US", "tvod", null)]);
        Assert.Equal(new BucketValue(40_000, 1), delta.Values[new BucketKey(Quarter(1), "US", "prime", null)]);
    }

    [Fact]
    public void Event_later_than_the_allowed_lateness_is_dropped_and_counted()
    {
        var timeline = new KeyTimeline();
        timeline.Apply([Play(0), Heartbeat(7200)], Rules); // newest seen: 7200 s; horizon 3600 s

        var atHorizon = timeline.Apply([Heartbeat(3600)], Rules);
        var beyond = timeline.Apply([Heartbeat(3599.999)], Rules);

        Assert.Single(atHorizon.Added);
        Assert.Equal(0, atHorizon.Late);
        Assert.Equal(1, beyond.Late);
        Assert.Empty(beyond.Delta.Values);
    }

    [Fact]
    public void Lateness_is_measured_in_event_time_so_a_backfill_of_old_data_counts()
    {
        var old = DateTimeOffset.Parse("2020-01-01T00:00:00Z").ToUnixTimeMilliseconds();
        var totals = new KeyTimeline().Apply(
            [new TimelineEvent("x", PlaybackKind.Play, old, "US", "prime", null), new TimelineEvent("y", PlaybackKind.Stop, old + 60_000, "US", "prime", null)],
            Rules).Delta;

        Assert.Equal(60_000, totals.TotalWatchedMs);
        Assert.Equal(1, totals.TotalStreams);
    }

    [Fact]
    public void Pruned_events_leave_an_anchor_that_continues_the_stream()
    {
        // hb every 30 s for 2 h 30 s: the window keeps one hour; the anchor carries the stream on.
        var timeline = new KeyTimeline();
        long watched = 0;
        int streams = 0;
        for (var s = 0; s <= 7230; s += 30)
        {
            var delta = timeline.Apply([s == 0 ? Play(s) : Heartbeat(s)], Rules).Delta;
            watched += delta.TotalWatchedMs;
            streams += delta.TotalStreams;
        }

        Assert.Equal(1, streams);
        Assert.Equal(7230_000, watched);
        Assert.NotNull(timeline.Anchor);
        Assert.True(timeline.Events.Count <= 121, $"window holds {timeline.Events.Count} events");
        Assert.Equal(T0, timeline.AnchorStream!.OpenedAtMs);
    }

    [Fact]
    public void Repeat_of_the_anchor_is_a_duplicate()
    {
        var timeline = new KeyTimeline();
        timeline.Apply([Play(0, "a"), Heartbeat(30, "b"), Heartbeat(7200, "c")], Rules);
        Assert.Equal("b", timeline.Anchor!.Value.EventId);

        var again = timeline.Apply([Heartbeat(30, "b")], Rules);

        Assert.Equal(1, again.Duplicates);
    }
}
