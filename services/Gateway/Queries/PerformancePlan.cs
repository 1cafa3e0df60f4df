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

    private static DateOnly UtcDay(long utcTicks) => DateOnly.FromDateTime(new DateTime(utcTicks, DateTimeKind.Utc));

    private static DateOnly[] Days(DateOnly first, DateOnly last) =>
        Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToArray();
}
