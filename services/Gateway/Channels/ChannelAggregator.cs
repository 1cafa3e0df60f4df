namespace Streaming.Gateway.Channels;

/// <summary>
/// Turns a channel's daily counts into the answer of a plan: counts summed per bucket and period, active counts as
/// the running sum of the daily changes of every day up to the end of each bucket (days before the range included),
/// and now. No I/O.
/// </summary>
public static class ChannelAggregator
{
    public static ChannelResponse Aggregate(ChannelPlan plan, ChannelHistory history)
    {
        var buckets = plan.BucketStarts.Count;
        var sums = new PeriodSum[buckets];
        var active = new ChannelActive[buckets];
        var ends = Enumerable.Range(0, buckets).Select(plan.BucketEnd).ToArray();
        var total = new PeriodSum();
        var previous = new PeriodSum();
        long trial = 0, paid = 0;
        var bucket = 0;
        foreach (var (day, counts) in history.Days)
        {
            for (; bucket < buckets && day > ends[bucket]; bucket++)
            {
                active[bucket] = new ChannelActive(trial, paid);
            }
            trial += counts.ActiveTrialChange;
            paid += counts.ActivePaidChange;
            if (day >= plan.From && day <= plan.To)
            {
                (sums[bucket] ??= new PeriodSum()).Add(counts);
                total.Add(counts);
            }
            else if (day >= plan.PreviousFrom && day <= plan.PreviousTo)
            {
                previous.Add(counts);
            }
        }
        for (; bucket < buckets; bucket++)
        {
            active[bucket] = new ChannelActive(trial, paid);
        }

        return new ChannelResponse(
            plan.ChannelId,
            plan.From,
            plan.To,
            plan.Granularity.ToString().ToLowerInvariant(),
            total.Totals(),
            plan.BucketStarts.Select((start, i) =>
            {
                var sum = sums[i] ?? new PeriodSum();
                return new ChannelPoint(start, sum.TrialStarts, sum.PaidConversions, sum.Cancellations, active[i].ActiveTrial, active[i].ActivePaid);
            }).ToList(),
            new ChannelActive(trial, paid),
            previous.Totals());
    }

    /// <summary>The rate, rounded once from the exact integers: 4 decimals, half away from zero; null for 0 ÷ 0.</summary>
    public static decimal? ConversionRate(long paidConversions, long trialCancellations)
    {
        var decided = paidConversions + trialCancellations;
        return decided == 0 ? null : Math.Round((decimal)paidConversions / decided, 4, MidpointRounding.AwayFromZero);
    }

    private sealed class PeriodSum
    {
        public long TrialStarts { get; private set; }
        public long PaidConversions { get; private set; }
        public long TrialCancellations { get; private set; }
        public long PaidCancellations { get; private set; }
        public long Cancellations => TrialCancellations + PaidCancellations;

        public void Add(DayCounts day)
        {
            TrialStarts += day.TrialStarts;
            PaidConversions += day.PaidConversions;
            TrialCancellations += day.TrialCancellations;
            PaidCancellations += day.PaidCancellations;
        }

        public ChannelTotals Totals() => new(
            TrialStarts, PaidConversions, Cancellations, TrialCancellations, PaidCancellations,
            ConversionRate(PaidConversions, TrialCancellations));
    }
}
