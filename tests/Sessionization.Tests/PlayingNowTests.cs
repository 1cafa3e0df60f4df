using Streaming.PartitionedState.Layouts;
using static Streaming.Sessionization.Tests.At;

namespace Streaming.Sessionization.Tests;

/// <summary>
/// "Streams playing now" for one stream key: its latest event in event time decides, and counts until that event's
/// time plus the maximum gap (120 s by default). Times in seconds after T0 = 2026-11-02T10:00:00Z.
/// </summary>
public sealed class PlayingNowTests
{
    private static readonly SessionRules Rules = SessionRules.Default;

    private static long Ms(double seconds) => T0 + (long)(seconds * 1000);

    /// <summary>Applies the batches in turn, each at its own commit instant; returns the last batch's change.</summary>
    private static PlayingChange Commit(KeyTimeline timeline, double nowSeconds, params TimelineEvent[] batch)
    {
        var before = timeline.Latest;
        timeline.Apply(batch, Rules);
        return PlayingNow.Change(before, timeline.Latest!.Value, Ms(nowSeconds), Rules);
    }

    [Theory]
    [InlineData(PlaybackKind.Play)]
    [InlineData(PlaybackKind.Resume)]
    [InlineData(PlaybackKind.Heartbeat)]
    public void A_new_key_whose_latest_event_plays_is_added_until_that_event_plus_the_maximum_gap(PlaybackKind kind)
    {
        var change = Commit(new KeyTimeline(), 40, Play(0), Ev(kind, 30));

        // 30 s + 120 s = 150 s after T0.
        Assert.Equal(PlayingChange.Add(Ms(150)), change);
    }

    [Theory]
    [InlineData(PlaybackKind.Pause)]
    [InlineData(PlaybackKind.Stop)]
    public void A_pause_or_stop_after_playing_removes_the_key(PlaybackKind kind)
    {
        var timeline = new KeyTimeline();
        Commit(timeline, 40, Play(0), Heartbeat(30));

        Assert.Equal(PlayingChange.Remove, Commit(timeline, 70, Ev(kind, 60)));
    }

    [Fact]
    public void A_late_heartbeat_before_the_stop_changes_nothing()
    {
        var timeline = new KeyTimeline();
        Commit(timeline, 40, Play(0), Heartbeat(30));
        Commit(timeline, 70, Stop(60));

        // Arrives after the stop but happened before it: the stop stays the latest event.
        Assert.Equal(PlayingChange.None, Commit(timeline, 75, Heartbeat(50)));
        Assert.Equal(PlaybackKind.Stop, timeline.Latest!.Value.Kind);
    }

    [Fact]
    public void A_play_and_a_stop_at_the_same_instant_leave_the_key_stopped()
    {
        // Same-instant events sort play before stop, so the stop is the latest.
        Assert.Equal(PlayingChange.None, Commit(new KeyTimeline(), 10, Stop(0, "z-stop"), Play(0, "a-play")));
    }

    [Fact]
    public void A_new_key_that_only_paused_is_left_out()
    {
        Assert.Equal(PlayingChange.None, Commit(new KeyTimeline(), 10, Pause(0)));
    }

    [Fact]
    public void Playing_means_less_than_the_maximum_gap_ago()
    {
        // Latest heartbeat at 30 s: it plays until 150 s, exclusive. Committed at 149.999 s it is added; at 150 s not.
        Assert.Equal(PlayingChange.Add(Ms(150)), Commit(new KeyTimeline(), 149.999, Play(0), Heartbeat(30)));
        Assert.Equal(PlayingChange.None, Commit(new KeyTimeline(), 150, Play(0), Heartbeat(30)));
    }

    [Fact]
    public void A_key_whose_entry_counts_no_more_is_left_to_the_pruning()
    {
        var timeline = new KeyTimeline();
        Commit(timeline, 10, Play(0));

        // Its entry counted until 120 s. A heartbeat at 20 s committed at 500 s (until 140 s) or a stop at 510 s
        // change nothing: the entry no longer counts and the next prune drops it.
        Assert.Equal(PlayingChange.None, Commit(timeline, 500, Heartbeat(20)));
        Assert.Equal(PlayingChange.None, Commit(timeline, 520, Stop(510)));
    }

    [Fact]
    public void A_stop_just_before_the_entry_runs_out_removes_it()
    {
        var timeline = new KeyTimeline();
        Commit(timeline, 10, Play(0));

        // The play counts until 120 s; committed at 119.999 s the stop removes it.
        Assert.Equal(PlayingChange.Remove, Commit(timeline, 119.999, Stop(119)));
    }

    [Fact]
    public void A_heartbeat_of_a_playing_key_moves_its_score()
    {
        var timeline = new KeyTimeline();
        Commit(timeline, 10, Play(0));

        Assert.Equal(PlayingChange.Add(Ms(150)), Commit(timeline, 35, Heartbeat(30)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(999, 0)]
    [InlineData(1_000, 1)]
    [InlineData(1_795_845_601_250, 1_795_845_601)]
    [InlineData(-1, -1)]
    [InlineData(-1_000, -1)]
    [InlineData(-1_001, -2)]
    public void A_commit_instant_falls_in_the_wall_clock_second_that_holds_it(long unixMs, long second)
    {
        Assert.Equal(second, LiveLayout.SecondOf(unixMs));
    }
}

/// <summary>
/// The live view's writes are ephemeral (kept out of Redis's append-only file: the next events rebuild them), the
/// counters committed with them are not.
/// </summary>
public sealed class LiveCommitTests
{
    [Fact]
    public void Every_live_view_key_of_a_batch_is_ephemeral_and_nothing_else_is()
    {
        const string ns = "ns.";
        const long nowMs = 1_790_000_000_500;
        var live = new Streaming.Sessionization.Storage.LiveCommit(ns, 2, nowMs);
        live.Add("c1", "d1", "t1", applied: 3, PlayingChange.Add(nowMs + 120_000));
        live.Add("c2", "d2", "t2", applied: 1, PlayingChange.Remove);
        var commit = new Streaming.PartitionedState.Storage.PartitionCommit([], TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        commit.Increment("ns.perf:{2}:title:t1:20261201", "0|prime|US|s", 1, Streaming.PartitionedState.Storage.CounterMode.Sum);
        live.AddTo(commit);

        Assert.True(commit.IsEphemeral(LiveLayout.Second(ns, 2, 1_790_000_000)));
        Assert.True(commit.IsEphemeral(LiveLayout.PlayingAll(ns, 2)));
        Assert.True(commit.IsEphemeral(LiveLayout.PlayingTitle(ns, 2, "t1")));
        Assert.True(commit.IsEphemeral(LiveLayout.PlayingTitle(ns, 2, "t2")));
        Assert.False(commit.IsEphemeral("ns.perf:{2}:title:t1:20261201"));
    }
}
