using NodaTime;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>
/// A checked performance query: the instant range [<see cref="From"/>, <see cref="To"/>), its buckets and filters.
/// Counters have a resolution of one quarter hour: a quarter counts when its start lies in the range, so a date-time
/// bound inside a quarter includes the quarter that starts at or after it.
/// </summary>
public sealed class PerformancePlan
{
    private readonly long[] _bucketStartTicks;

    public PerformancePlan(
        DateTimeZone zone,
        DateTimeOffset from,
        DateTimeOffset to,
        Granularity granularity,
        IReadOnlyList<DateTimeOffset> bucketStarts,
        IReadOnlySet<string> titleIds,
        IReadOnlySet<string> offers,
        IReadOnlySet<string> marketplaces,
        GroupBy? groupBy,
        bool csv)
    {
        (Zone, From, To, Granularity, BucketStarts) = (zone, from, to, granularity, bucketStarts);
        (TitleIds, Offers, Marketplaces, GroupBy, Csv) = (titleIds, offers, marketplaces, groupBy, csv);
        _bucketStartTicks = bucketStarts.Select(s => s.UtcTicks).ToArray();

        var quarter = TimeSpan.FromMilliseconds(PerformanceCounterLayout.QuarterMs).Ticks;
        FirstQuarterUtcTicks = (from.UtcTicks + quarter - 1) / quarter * quarter;
        var lastQuarterUtcTicks = (to.UtcTicks - 1) / quarter * quarter;
        UtcDays = FirstQuarterUtcTicks > lastQuarterUtcTicks
            ? []
            : Days(UtcDay(FirstQuarterUtcTicks), UtcDay(lastQuarterUtcTicks));
        Cover = CoverOf(UtcDays);
    }

    public DateTimeZone Zone { get; }

    /// <summary>The start of the range (inclusive), with the zone's offset.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The end of the range (exclusive), with the zone's offset.</summary>
    public DateTimeOffset To { get; }

    public Granularity Granularity { get; }

    /// <summary>Dense, in time order, each with the zone's offset; the first holds <see cref="From"/>.</summary>
    public IReadOnlyList<DateTimeOffset> BucketStarts { get; }

    /// <summary>Empty: every title.</summary>
    public IReadOnlySet<string> TitleIds { get; }

    /// <summary>Empty: every offer.</summary>
    public IReadOnlySet<string> Offers { get; }

    /// <summary>Empty: every marketplace.</summary>
    public IReadOnlySet<string> Marketplaces { get; }

    public GroupBy? GroupBy { get; }

    public bool Csv { get; }

    /// <summary>The UTC days holding at least one quarter of the range: the day keys to read.</summary>
    public IReadOnlyList<DateOnly> UtcDays { get; }

    /// <summary>
    /// The range cut for the roll-ups: whole UTC months and whole UTC days (not in those months) that lie in one bucket
    /// each, and the UTC days left, read from the quarter detail. Together they hold every day of <see cref="UtcDays"/> once.
    /// </summary>
    public RangeCover Cover { get; }

    /// <summary>
    /// The answer needs offers or marketplaces apart (a filter or grouping by them): the per-title totals alone cannot give it.
    /// </summary>
    public bool NeedsOfferDetail => Offers.Count > 0 || Marketplaces.Count > 0 || GroupBy is Queries.GroupBy.Offer or Queries.GroupBy.Marketplace;

    /// <summary>Per-title counters are needed (title filter or grouping); otherwise the all-titles rollup answers.</summary>
    public bool ReadsTitles => TitleIds.Count > 0 || GroupBy == Queries.GroupBy.Title;

    private long FirstQuarterUtcTicks { get; }

    /// <summary>The bucket a UTC day's quarter falls in, or -1 when the quarter is outside the range.</summary>
    public int BucketOf(DateOnly utcDay, int quarter)
    {
        var start = utcDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks +
                    quarter * TimeSpan.FromMilliseconds(PerformanceCounterLayout.QuarterMs).Ticks;
        if (start < FirstQuarterUtcTicks || start >= To.UtcTicks)
        {
            return -1;
        }
        var index = Array.BinarySearch(_bucketStartTicks, start);
        return index >= 0 ? index : ~index - 1;
    }

    private RangeCover CoverOf(IReadOnlyList<DateOnly> days)
    {
        var months = new List<RollupSegment>();
        var wholeDays = new List<RollupSegment>();
        var partial = new List<DateOnly>();
        var i = 0;
        while (i < days.Count)
        {
            var day = days[i];
            var bucket = WholeDayBucket(day);
            var monthDays = DateTime.DaysInMonth(day.Year, day.Month);
            if (day.Day == 1 && bucket >= 0 && i + monthDays <= days.Count &&
                Enumerable.Range(i, monthDays).All(j => WholeDayBucket(days[j]) == bucket))
            {
                months.Add(new RollupSegment(day, bucket));
                i += monthDays;
                continue;
            }
            if (bucket >= 0) wholeDays.Add(new RollupSegment(day, bucket));
            else partial.Add(day);
            i++;
        }
        return new RangeCover(months, wholeDays, partial);
    }

    /// <summary>The bucket holding every quarter of a UTC day, or -1 when the range or a bucket start cuts the day.</summary>
    private int WholeDayBucket(DateOnly utcDay)
    {
        var first = BucketOf(utcDay, 0);
        return first >= 0 && BucketOf(utcDay, PerformanceCounterLayout.QuartersPerDay - 1) == first ? first : -1;
    }

    private static DateOnly UtcDay(long utcTicks) => DateOnly.FromDateTime(new DateTime(utcTicks, DateTimeKind.Utc));

    private static DateOnly[] Days(DateOnly first, DateOnly last) =>
        Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToArray();
}

/// <summary>A whole UTC day, or a whole UTC month (starting on its first day), that lies in one bucket.</summary>
public readonly record struct RollupSegment(DateOnly Start, int Bucket);

/// <summary>See <see cref="PerformancePlan.Cover"/>.</summary>
public sealed record RangeCover(IReadOnlyList<RollupSegment> Months, IReadOnlyList<RollupSegment> Days, IReadOnlyList<DateOnly> QuarterDays);
