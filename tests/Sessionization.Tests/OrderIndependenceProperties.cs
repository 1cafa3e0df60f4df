using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Streaming.Sessionization.Tests;

/// <summary>
/// Any arrival order, any repetition, any cut into batches: the counters equal the reference model over the
/// events that were not too late when they arrived.
/// </summary>
public sealed class OrderIndependenceProperties
{
    private static readonly long[] Gaps = [0, 1_000, 30_000, 90_000, 150_000, 1_800_000, 3_600_000, 3_600_001, 7_200_000];
    private static readonly string[] Offers = ["prime", "tvod"];

    /// <summary>A stream key's events, then the order they arrive in (with repeats) and the batch sizes.</summary>
    private static Gen<(List<TimelineEvent> Events, List<TimelineEvent> Arrivals, List<int> Cuts)> Scenario() =>
        from count in Gen.Choose(1, 40)
        from gapIndexes in Gen.ListOf(Gen.Choose(0, Gaps.Length - 1), count)
        from kinds in Gen.ListOf(Gen.Choose(0, 4), count)
        from offers in Gen.ListOf(Gen.Choose(0, 1), count)
        from keys in Gen.ListOf(Gen.Choose(0, 1_000_000), count)
        from repeatCount in Gen.Choose(0, count)
        from repeats in Gen.ListOf(Gen.Choose(0, count - 1), repeatCount)
        from cuts in Gen.ListOf(Gen.Choose(1, 8), 60)
        let events = Build(gapIndexes, kinds, offers)
        let arrivals = events.Zip(keys).OrderBy(p => p.Second).Select(p => p.First).Concat(repeats.Select(r => events[r])).ToList()
        select (events, arrivals, cuts.ToList());

    private static List<TimelineEvent> Build(IReadOnlyList<int> gapIndexes, IReadOnlyList<int> kinds, IReadOnlyList<int> offers)
    {
        var at = At.T0;
        var events = new List<TimelineEvent>();
        for (var i = 0; i < gapIndexes.Count; i++)
        {
            at += Gaps[gapIndexes[i]];
            events.Add(new TimelineEvent($"id{i}", (PlaybackKind)kinds[i], at, "US", Offers[offers[i]], null));
        }
        return events;
    }

    private static (Dictionary<BucketKey, BucketValue> Sum, List<TimelineEvent> Accepted) Replay(
        List<TimelineEvent> arrivals, List<int> cuts, SessionRules rules)
    {
        var timeline = new KeyTimeline();
        var sum = new Contribution();
        var accepted = new List<TimelineEvent>();
        var position = 0;
        var cut = 0;
        while (position < arrivals.Count)
        {
            var size = Math.Min(cuts[cut++ % cuts.Count], arrivals.Count - position);
            var result = timeline.Apply(arrivals.GetRange(position, size), rules);
            sum.AddAll(result.Delta);
            accepted.AddRange(result.Added);
            position += size;
        }
        return (sum.Values.ToDictionary(), accepted);
    }

    [Property(MaxTest = 500)]
    public Property Any_order_and_repetition_without_lateness_gives_the_time_ordered_counters()
    {
        var rules = SessionRules.Default with { AllowedLatenessMs = long.MaxValue / 4 };
        return Prop.ForAll(Scenario().ToArbitrary(), s =>
        {
            var (sum, accepted) = Replay(s.Arrivals, s.Cuts, rules);
            Assert.Equal(s.Events.Count, accepted.Count);
            Assert.Equal(ReferenceModel.Totals(s.Events, rules), sum);
        });
    }

    [Property(MaxTest = 500)]
    public Property With_a_lateness_limit_the_counters_are_those_of_the_events_accepted()
    {
        var rules = SessionRules.Default with { AllowedLatenessMs = 600_000 }; // 10 min: many events arrive too late
        return Prop.ForAll(Scenario().ToArbitrary(), s =>
        {
            var (sum, accepted) = Replay(s.Arrivals, s.Cuts, rules);
            Assert.Equal(ReferenceModel.Totals(accepted, rules), sum);
            Assert.Equal(accepted.Count, accepted.Select(e => e.EventId).Distinct().Count());
        });
    }

    [Property(MaxTest = 300)]
    public Property In_time_order_nothing_is_late_and_totals_match_the_reference()
    {
        var rules = SessionRules.Default;
        return Prop.ForAll(Scenario().ToArbitrary(), s =>
        {
            var (sum, accepted) = Replay(s.Events, s.Cuts, rules);
            Assert.Equal(s.Events.Count, accepted.Count);
            Assert.Equal(ReferenceModel.Totals(s.Events, rules), sum);
        });
    }
}
