using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Streaming.Subscriptions.Tests;

/// <summary>
/// Any arrival order, any repetition, any cut into batches: the summed changes equal the plain reference replay of
/// the events accepted, and a channel's active counts are never negative at the end of any day.
/// </summary>
public sealed class OrderIndependenceProperties
{
    private const long Minute = 60_000;
    private static readonly long[] Gaps = [0, Minute, 60 * Minute, 20 * 60 * Minute, 1439 * Minute, 1440 * Minute, 3 * 1440 * Minute, 80 * 60 * Minute];
    private static readonly int[] Offsets = [-720, -480, -210, 0, 60, 330, 840];
    private static readonly long T0 = DateTimeOffset.Parse("2026-03-01T00:00:00Z").ToUnixTimeMilliseconds();

    /// <summary>A subscriber's events (offsets fixed or changing), then the order they arrive in (with repeats) and the batch sizes.</summary>
    private static Gen<(List<SubscriberEvent> Events, List<SubscriberEvent> Arrivals, List<int> Cuts)> Scenario(string key) =>
        from count in Gen.Choose(1, 30)
        from gaps in Gen.ListOf(Gen.Choose(0, Gaps.Length - 1), count)
        from kinds in Gen.ListOf(Gen.Choose(0, 2), count)
        from travels in Gen.Elements(false, true)
        from offsets in Gen.ListOf(Gen.Choose(0, Offsets.Length - 1), count)
        from order in Gen.ListOf(Gen.Choose(0, 1_000_000), count)
        from repeatCount in Gen.Choose(0, count)
        from repeats in Gen.ListOf(Gen.Choose(0, count - 1), repeatCount)
        from cuts in Gen.ListOf(Gen.Choose(1, 6), 40)
        let events = Build(key, gaps, kinds, travels ? offsets : [.. offsets.Select(_ => offsets[0])])
        let arrivals = events.Zip(order).OrderBy(p => p.Second).Select(p => p.First).Concat(repeats.Select(r => events[r])).ToList()
        select (events, arrivals, cuts.ToList());

    private static List<SubscriberEvent> Build(string key, IReadOnlyList<int> gaps, IReadOnlyList<int> kinds, IReadOnlyList<int> offsets)
    {
        var at = T0;
        var events = new List<SubscriberEvent>();
        for (var i = 0; i < gaps.Count; i++)
        {
            at += Gaps[gaps[i]];
            events.Add(new SubscriberEvent($"{key}-{i}", (SubscriptionKind)kinds[i], at, Offsets[offsets[i]]));
        }
        return events;
    }

    private static (Tally Sum, List<SubscriberEvent> Accepted, SubscriptionState Final) Apply(
        List<SubscriberEvent> arrivals, List<int> cuts, long latenessMs)
    {
        var timeline = new SubscriberTimeline();
        var sum = new Tally();
        var accepted = new List<SubscriberEvent>();
        var final = SubscriptionState.None;
        for (int position = 0, cut = 0; position < arrivals.Count; cut++)
        {
            var size = Math.Min(cuts[cut % cuts.Count], arrivals.Count - position);
            var result = timeline.Apply(arrivals.GetRange(position, size), latenessMs);
            sum.AddAll(result.Delta);
            accepted.AddRange(result.Added);
            final = result.Last.State;
            position += size;
        }
        return (sum, accepted, final);
    }

    private static void AssertSame(ReferenceReplay.Result expected, Tally actual)
    {
        Assert.Equal(expected.Days.OrderBy(d => d.Key), actual.Days.OrderBy(d => d.Key));
        Assert.Equal(expected.Rejected.OrderBy(r => r.Key), actual.Rejected.OrderBy(r => r.Key));
    }

    [Property(MaxTest = 500)]
    public Property Any_order_and_repetition_within_the_lateness_gives_the_time_ordered_counts()
    {
        return Prop.ForAll(Scenario("k").ToArbitrary(), s =>
        {
            var (sum, accepted, final) = Apply(s.Arrivals, s.Cuts, latenessMs: long.MaxValue / 4);
            Assert.Equal(s.Events.Count, accepted.Count);
            var expected = ReferenceReplay.Replay(s.Events);
            AssertSame(expected, sum);
            Assert.Equal(expected.FinalState, (int)final);
        });
    }

    [Property(MaxTest = 500)]
    public Property With_the_lateness_limit_the_counts_are_those_of_the_events_accepted()
    {
        // 24 hours: many shuffled events arrive too late and are dropped; the rest must still count in time order.
        return Prop.ForAll(Scenario("k").ToArbitrary(), s =>
        {
            var (sum, accepted, _) = Apply(s.Arrivals, s.Cuts, latenessMs: 24 * 60 * Minute);
            Assert.Equal(accepted.Count, accepted.Select(e => e.EventId).Distinct().Count());
            AssertSame(ReferenceReplay.Replay(accepted), sum);
        });
    }

    [Property(MaxTest = 300)]
    public Property The_same_events_sent_twice_count_once()
    {
        return Prop.ForAll(Scenario("k").ToArbitrary(), s =>
        {
            var once = Apply(s.Events, s.Cuts, Ev.Hours72).Sum;
            var twice = Apply([.. s.Events, .. s.Events], s.Cuts, Ev.Hours72).Sum;
            Assert.Equal(Ev.Lines(once), Ev.Lines(twice));
        });
    }

    [Property(MaxTest = 300)]
    public Property A_channels_active_counts_are_never_negative_at_the_end_of_any_day()
    {
        var subscribers = from n in Gen.Choose(1, 6)
                          from scenarios in Gen.ListOf(Scenario("s"), n) // each subscriber has a timeline of its own
                          select scenarios.ToList();
        return Prop.ForAll(subscribers.ToArbitrary(), all =>
        {
            var channel = new Tally();
            var activeAtEnd = (Trial: 0, Paid: 0);
            foreach (var s in all)
            {
                var (sum, _, final) = Apply(s.Arrivals, s.Cuts, Ev.Hours72);
                channel.AddAll(sum);
                activeAtEnd = (activeAtEnd.Trial + (final == SubscriptionState.Trial ? 1 : 0), activeAtEnd.Paid + (final == SubscriptionState.Paid ? 1 : 0));
            }
            long trial = 0, paid = 0;
            foreach (var day in channel.Days.Keys.Select(k => k.Day).Distinct().Order())
            {
                trial += channel.Days.GetValueOrDefault((day, ChannelMetric.ActiveTrialChange));
                paid += channel.Days.GetValueOrDefault((day, ChannelMetric.ActivePaidChange));
                Assert.InRange(trial, 0, all.Count);
                Assert.InRange(paid, 0, all.Count);
            }
            Assert.Equal(activeAtEnd, ((int)trial, (int)paid));
        });
    }
}
