using FsCheck.Xunit;
using static Streaming.PartitionedState.Tests.Toy;

namespace Streaming.PartitionedState.Tests;

/// <summary>The window with the toy gap rule: dedupe, lateness, incremental recount and pruning, worked out by hand.</summary>
public sealed class EventWindowTests
{
    private static readonly GapFold Lateness100 = new(100);
    private const int NoLimit = int.MaxValue;

    private static Dictionary<string, long> Apply(ToyTimeline timeline, GapFold fold, params Toy[] arrivals) =>
        timeline.Apply(arrivals, fold, new Dictionary<string, long>(), NoLimit).Delta;

    [Fact]
    public void Events_arriving_out_of_order_change_the_counts_to_those_of_time_order()
    {
        var timeline = new ToyTimeline();

        // 30 alone: one start. Then 10 lands before it: 10 starts instead of 30, and 30 is 20 s after 10.
        // Then 20 lands between: the 20 s gap becomes 10 + 10, no net change.
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1 }, Apply(timeline, Lateness100, At("c", 30)));
        Assert.Equal(new Dictionary<string, long> { ["gap"] = 20 }, Apply(timeline, Lateness100, At("a", 10)));
        Assert.Empty(Apply(timeline, Lateness100, At("b", 20)));
        Assert.Equal(["a", "b", "c"], timeline.Events.Select(e => e.EventId));
    }

    [Fact]
    public void A_repeated_id_is_a_duplicate_within_a_batch_and_in_a_later_one()
    {
        var timeline = new ToyTimeline();

        var first = timeline.Apply([At("a", 10), At("a", 10), At("b", 15)], Lateness100, new Dictionary<string, long>(), NoLimit);
        var again = timeline.Apply([At("a", 10)], Lateness100, new Dictionary<string, long>(), NoLimit);

        Assert.Equal((2, 1, 0), (first.Added.Count, first.Duplicates, first.Late));
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1, ["gap"] = 5 }, first.Delta);
        Assert.Equal((0, 1, false), (again.Added.Count, again.Duplicates, again.Changed));
        Assert.Empty(again.Delta);
    }

    [Fact]
    public void Past_its_limit_a_window_refuses_events_until_newer_ones_would_prune_enough()
    {
        var timeline = new ToyTimeline();

        // Limit 3: a, b, c are kept; d would make four (the horizon is −60 s, nothing prunes); the second b is a repeat.
        var full = timeline.Apply([At("a", 10), At("b", 20), At("c", 30), At("d", 40), At("b", 20)], Lateness100, new Dictionary<string, long>(), 3);
        Assert.Equal((3, 1, 1), (full.Added.Count, full.OverLimit, full.Duplicates));
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1, ["gap"] = 20 }, full.Delta);

        // e at 200 s sets the horizon at 100 s: a, b and c would go, so it is kept; then they are pruned. Gap c→e: 170.
        var newer = timeline.Apply([At("e", 200)], Lateness100, new Dictionary<string, long>(), 3);
        Assert.Equal((1, 0), (newer.Added.Count, newer.OverLimit));
        Assert.Equal(["a", "b", "c"], newer.PrunedEventIds);
        Assert.Equal(new Dictionary<string, long> { ["gap"] = 170 }, newer.Delta);

        // f and g fit beside e (horizon still 100 s); h and i would make four. The 170 s from c to e become
        // c→f 120 + f→g 10 + g→e 40: the same total, so nothing changes.
        var more = timeline.Apply([At("f", 150), At("g", 160), At("h", 170), At("i", 180)], Lateness100, new Dictionary<string, long>(), 3);
        Assert.Equal((2, 2), (more.Added.Count, more.OverLimit));
        Assert.Empty(more.Delta);
        Assert.Equal(["f", "g", "e"], timeline.Events.Select(e => e.EventId));
    }

    [Fact]
    public void An_event_more_than_the_lateness_behind_the_newest_is_late_and_one_exactly_at_the_horizon_is_not()
    {
        var timeline = new ToyTimeline();
        Apply(timeline, Lateness100, At("n", 500));

        var late = timeline.Apply([At("x", 399)], Lateness100, new Dictionary<string, long>(), NoLimit);
        var onTime = timeline.Apply([At("y", 400)], Lateness100, new Dictionary<string, long>(), NoLimit);

        Assert.Equal((0, 1), (late.Added.Count, late.Late));
        Assert.Equal((1, 0), (onTime.Added.Count, onTime.Late));
        // 400 now starts the key, and 500 is 100 s after it.
        Assert.Equal(new Dictionary<string, long> { ["gap"] = 100 }, onTime.Delta);
    }

    [Fact]
    public void Events_behind_the_horizon_are_pruned_into_the_anchor_and_counting_continues_from_it()
    {
        var timeline = new ToyTimeline();
        Apply(timeline, Lateness100, At("a", 0), At("b", 50));

        // 300 moves the horizon to 200: a and b can no longer be joined; b, the last, is the anchor.
        var change = timeline.Apply([At("c", 300)], Lateness100, new Dictionary<string, long>(), NoLimit);
        Assert.Equal(["a", "b"], change.PrunedEventIds);
        Assert.True(change.AnchorChanged);
        Assert.Equal(At("b", 50), timeline.AnchorState);
        Assert.Equal(["c"], timeline.Events.Select(e => e.EventId));
        Assert.Equal(new Dictionary<string, long> { ["gap"] = 250 }, change.Delta);

        // The next event counts from c, which follows the anchor.
        Assert.Equal(new Dictionary<string, long> { ["gap"] = 50 }, Apply(timeline, Lateness100, At("d", 350)));
        // A repeat of the anchor event is a duplicate (the rule remembers its id); of another pruned event, late.
        var repeats = timeline.Apply([At("b", 50), At("a", 0)], Lateness100, new Dictionary<string, long>(), NoLimit);
        Assert.Equal((1, 1), (repeats.Duplicates, repeats.Late));
    }

    [Fact]
    public void Restored_window_keeps_time_order_and_drops_repeated_ids()
    {
        var timeline = new ToyTimeline(At("z", 1), [At("c", 30), At("a", 10), At("a", 10)], maxSeenMs: 30_000);

        Assert.Equal(["a", "c"], timeline.Events.Select(e => e.EventId));
        var all = new Dictionary<string, long>();
        var last = timeline.CountAll(Lateness100, all);
        // From the anchor at 1: 9 s to a, 20 s to c.
        Assert.Equal(new Dictionary<string, long> { ["gap"] = 29 }, all);
        Assert.Equal(At("c", 30), last);
    }

    /// <summary>
    /// Whatever the arrival order, batching and repetition (lateness wide enough that nothing is late), the changes add
    /// up to what the history counts in time order: one start and newest − oldest seconds of gaps.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Shuffled_batched_and_repeated_arrivals_add_up_to_the_time_order_counts(int[] seconds, int seed)
    {
        var events = seconds.Select(s => Math.Abs(s % 1000)).Distinct().Select(s => At($"e{s}", s)).ToList();
        if (events.Count == 0) return true;
        var random = new Random(seed);
        var arrivals = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
        var timeline = new ToyTimeline();
        var sum = new Dictionary<string, long>();
        for (var i = 0; i < arrivals.Count;)
        {
            var size = 1 + random.Next(4);
            foreach (var (key, by) in Apply(timeline, new GapFold(10_000), [.. arrivals.Skip(i).Take(size)])) GapFold.Add(sum, key, by);
            i += size;
        }
        var expected = new Dictionary<string, long> { ["starts"] = 1 };
        var span = events.Max(e => e.AtMs) / 1000 - events.Min(e => e.AtMs) / 1000;
        if (span > 0) expected["gap"] = span;
        return sum.Count == expected.Count && sum.All(kv => expected.GetValueOrDefault(kv.Key) == kv.Value);
    }
}
