using static Streaming.Sessionization.Tests.At;

namespace Streaming.Sessionization.Tests;

/// <summary>The definitions of docs/metrics.md, one case each, with totals worked out by hand.</summary>
public sealed class StreamDefinitionTests
{
    private static readonly SessionRules Rules = SessionRules.Default; // timeout 60 min, max gap 120 s, lateness 60 min

    [Fact]
    public void Browser_then_phone_then_tv_are_three_unique_streams()
    {
        // Three devices are three stream keys. Web: play, heartbeats at 30 s and 60 s (60 s watched).
        var web = Apply(Rules, Play(0), Heartbeat(30), Heartbeat(60));
        // Phone continues with resume at 90 s (first event of its key opens a stream), heartbeat at 120 s (30 s).
        var phone = Apply(Rules, Resume(90), Heartbeat(120));
        // TV: resume at 150 s, heartbeat at 180 s (30 s).
        var tv = Apply(Rules, Resume(150), Heartbeat(180));

        Assert.Equal(3, web.TotalStreams + phone.TotalStreams + tv.TotalStreams);
        Assert.Equal(120_000, web.TotalWatchedMs + phone.TotalWatchedMs + tv.TotalWatchedMs);
    }

    [Fact]
    public void Pause_then_resume_within_timeout_is_one_stream()
    {
        // play 0 → hb 30 (30 s) → pause 60 (30 s) → resume 600 (paused: 0) → hb 630 (30 s) → stop 660 (30 s)
        var totals = Apply(Rules, Play(0), Heartbeat(30), Pause(60), Resume(600), Heartbeat(630), Stop(660));

        Assert.Equal(1, totals.TotalStreams);
        Assert.Equal(120_000, totals.TotalWatchedMs);
    }

    [Fact]
    public void Gap_between_events_counts_at_most_the_max_gap()
    {
        // play 0 → hb 300: 300 s capped to 120 s; hb 300 → hb 420: 120 s exactly; hb 420 → hb 450: 30 s
        var totals = Apply(Rules, Play(0), Heartbeat(300), Heartbeat(420), Heartbeat(450));

        Assert.Equal(1, totals.TotalStreams);
        Assert.Equal(270_000, totals.TotalWatchedMs);
    }

    [Fact]
    public void Event_more_than_the_inactivity_timeout_after_the_previous_opens_a_new_stream()
    {
        // hb at 30 + 3600 s follows by exactly the timeout: same stream, 120 s (capped).
        // hb at 30 + 7200.001 s follows by 3600.001 s: a new stream, nothing watched across the gap.
        var totals = Apply(Rules, Play(0), Heartbeat(30), Heartbeat(3630), Heartbeat(7230.001), Heartbeat(7260.001));

        Assert.Equal(2, totals.TotalStreams);
        Assert.Equal(30_000 + 120_000 + 30_000, totals.TotalWatchedMs);
    }

    [Fact]
    public void Heartbeat_after_stop_opens_a_new_stream()
    {
        // play 0 → hb 30 (30 s) → stop 60 (30 s) | hb 90 opens stream 2 → hb 120 (30 s)
        var totals = Apply(Rules, Play(0), Heartbeat(30), Stop(60), Heartbeat(90), Heartbeat(120));

        Assert.Equal(2, totals.TotalStreams);
        Assert.Equal(90_000, totals.TotalWatchedMs);
    }

    [Fact]
    public void Play_click_mid_stream_opens_a_new_stream_and_the_time_before_it_is_not_joined()
    {
        // play 0 → hb 30 (30 s); play 50 opens stream 2 (hb 30 → play 50 spans two streams: not counted) → hb 80 (30 s)
        var totals = Apply(Rules, Play(0), Heartbeat(30), Play(50), Heartbeat(80));

        Assert.Equal(2, totals.TotalStreams);
        Assert.Equal(60_000, totals.TotalWatchedMs);
    }

    [Fact]
    public void Events_at_the_same_instant_order_play_resume_heartbeat_pause_stop_then_by_id()
    {
        // At 60 s: a stop and a play. Play sorts first, so: play 0 → hb 30 (30 s), play 60 (stream 2),
        // stop 60 (0 s), hb 90 after the stop (stream 3). Arriving stop-first changes nothing.
        var inOrder = Apply(Rules, Play(0), Heartbeat(30), Play(60, "p60"), Stop(60, "s60"), Heartbeat(90));
        var stopFirst = Apply(Rules, Play(0), Heartbeat(30), Stop(60, "s60"), Play(60, "p60"), Heartbeat(90));

        Assert.Equal(3, inOrder.TotalStreams);
        Assert.Equal(30_000, inOrder.TotalWatchedMs);
        Assert.Equal(inOrder.Values, stopFirst.Values);
    }

    [Fact]
    public void Same_instant_same_kind_orders_by_event_id()
    {
        // Pauses "b" and "a" and a stop "z", all at 60 s: the pauses tie on kind too, so "a" sorts before "b".
        var timeline = new KeyTimeline();
        timeline.Apply([Play(0), Heartbeat(30), Pause(60, "b"), Pause(60, "a"), Stop(60, "z")], Rules);

        Assert.Equal(["a", "b", "z"], timeline.Events.Skip(2).Select(e => e.EventId));
    }

    [Fact]
    public void Stream_counts_in_the_quarter_of_its_opening_and_time_in_the_quarter_where_each_interval_starts()
    {
        // play at 14:30 (quarter 0) → hb at 15:30 (60 s in quarter 0) → hb at 16:30 (60 s in quarter 1)
        var totals = Apply(Rules, Play(870), Heartbeat(930), Heartbeat(990));

        Assert.Equal(new BucketValue(60_000, 1), totals.Values[new BucketKey(Quarter(0), "US", "prime", null)]);
        Assert.Equal(new BucketValue(60_000, 0), totals.Values[new BucketKey(Quarter(1), "US", "prime", null)]);
        Assert.Equal(2, totals.Values.Count);
    }

    [Fact]
    public void Marketplace_offer_and_season_are_those_of_the_opening_event()
    {
        var totals = Apply(Rules,
            Ev(PlaybackKind.Play, 0, offer: "prime", marketplace: "GB", season: "S1"),
            Ev(PlaybackKind.Heartbeat, 30, offer: "tvod", marketplace: "US", season: "S2"),
            Ev(PlaybackKind.Heartbeat, 60, offer: "avod", marketplace: "DE", season: null));

        var only = Assert.Single(totals.Values);
        Assert.Equal(new BucketKey(Quarter(0), "GB", "prime", "S1"), only.Key);
        Assert.Equal(new BucketValue(60_000, 1), only.Value);
    }

    [Fact]
    public void Last_event_of_a_stream_adds_no_time()
    {
        var totals = Apply(Rules, Play(0));

        Assert.Equal(1, totals.TotalStreams);
        Assert.Equal(0, totals.TotalWatchedMs);
    }
}
