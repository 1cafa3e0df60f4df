using System.Globalization;
using static Streaming.Gateway.Tests.Channels.ChannelPlans;

namespace Streaming.Gateway.Tests.Channels;

/// <summary>
/// One channel's days, written as the subscription service stores them and split over two partitions:
/// <code>
/// 2026-01-30  two trials start                         activeTrial +2
/// 2026-02-01  one converts, another trial starts       activeTrial −1 +1 (stored as nothing), activePaid +1
/// 2026-02-15  a trial is cancelled, a paid start       activeTrial −1, activePaid +1
/// 2026-03-02  a paid subscription is cancelled         activePaid −1
/// </code>
/// At the end of each day: Jan 30 → 2 trial, 0 paid; Feb 1 → 2, 1; Feb 15 → 1, 2; Mar 2 → 1, 1 (now).
/// </summary>
public sealed class ChannelAggregatorTests
{
    private static readonly IReadOnlyList<KeyValuePair<string, long>>[] Partitions =
    [
        [
            new("20260130|trialStarts", 1), new("20260130|activeTrialChange", 1),
            new("20260201|paidConversions", 1), new("20260201|activeTrialChange", -1), new("20260201|activePaidChange", 1),
            new("20260302|paidCancellations", 1), new("20260302|activePaidChange", -1),
        ],
        [
            new("20260130|trialStarts", 1), new("20260130|activeTrialChange", 1),
            new("20260201|trialStarts", 1), new("20260201|activeTrialChange", 1),
            new("20260215|trialCancellations", 1), new("20260215|activeTrialChange", -1),
            new("20260215|paidStarts", 1), new("20260215|activePaidChange", 1),
            new("not-a-day|trialStarts", 50), new("20260215|unknownMetric", 50),
        ],
    ];

    private static ChannelResponse Answer(string query) => ChannelAggregator.Aggregate(Plan(query), ChannelHistory.Sum(Partitions));

    private static DateOnly D(string date) => DateOnly.Parse(date, CultureInfo.InvariantCulture);

    [Fact]
    public void Totals_current_and_previous_period_of_february()
    {
        var answer = Answer("from=2026-02-01&to=2026-02-28&granularity=total");

        Assert.Equal(new ChannelTotals(1, 1, 1, 1, 0, 0.5m), answer.Totals);
        Assert.Equal(new ChannelActive(1, 1), answer.Current);
        // 4 January to 31 January: the two trials of 30 January; nothing decided yet.
        Assert.Equal(new ChannelTotals(2, 0, 0, 0, 0, null), answer.PreviousPeriod);
        Assert.Equal([new ChannelPoint(D("2026-02-01"), 1, 1, 1, 1, 2)], answer.Series);
    }

    [Fact]
    public void Daily_series_carries_the_active_counts_of_days_before_the_range()
    {
        var series = Answer("from=2026-02-01&to=2026-02-28").Series;

        Assert.Equal(28, series.Count);
        Assert.Equal(new ChannelPoint(D("2026-02-01"), 1, 1, 0, 2, 1), series[0]);
        Assert.Equal(new ChannelPoint(D("2026-02-14"), 0, 0, 0, 2, 1), series[13]);
        Assert.Equal(new ChannelPoint(D("2026-02-15"), 0, 0, 1, 1, 2), series[14]);
        Assert.Equal(new ChannelPoint(D("2026-02-28"), 0, 0, 0, 1, 2), series[27]);
    }

    [Fact]
    public void Month_buckets_count_only_days_in_the_range_and_take_the_active_counts_at_their_last_day_in_it()
    {
        var answer = Answer("from=2026-01-31&to=2026-03-01&granularity=month");

        Assert.Equal(
        [
            new ChannelPoint(D("2026-01-01"), 0, 0, 0, 2, 0), // 30 January is before from: counted in no bucket, but in the active count
            new ChannelPoint(D("2026-02-01"), 1, 1, 1, 1, 2),
            new ChannelPoint(D("2026-03-01"), 0, 0, 0, 1, 2), // the cancellation of 2 March is after to
        ], answer.Series);
        Assert.Equal(new ChannelActive(1, 1), answer.Current);
    }

    [Fact]
    public void A_channel_never_seen_is_all_zeros()
    {
        var answer = ChannelAggregator.Aggregate(Plan("from=2026-02-01&to=2026-02-03"), ChannelHistory.Sum([]));

        Assert.Equal(new ChannelTotals(0, 0, 0, 0, 0, null), answer.Totals);
        Assert.All(answer.Series, p => Assert.Equal((0, 0, 0, 0, 0), (p.TrialStarts, p.PaidConversions, p.Cancellations, p.ActiveTrial, p.ActivePaid)));
        Assert.Equal(new ChannelActive(0, 0), answer.Current);
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(3, 0, "1")]
    [InlineData(0, 5, "0")]
    [InlineData(2, 1, "0.6667")]
    [InlineData(1, 2, "0.3333")]
    [InlineData(1, 31, "0.0313")]   // 0.03125: half away from zero
    [InlineData(3, 29, "0.0938")]   // 0.09375
    [InlineData(1, 7, "0.125")]
    public void Conversion_rate_is_rounded_once_to_four_decimals(long conversions, long trialCancellations, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture),
            ChannelAggregator.ConversionRate(conversions, trialCancellations));
}
