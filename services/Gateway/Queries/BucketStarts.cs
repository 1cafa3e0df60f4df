namespace Streaming.Gateway.Queries;

/// <summary>The starts of the series buckets that cover [from, to), in time order.</summary>
public static class BucketStarts
{
    /// <summary>
    /// The first bucket is the one holding <paramref name="from"/> (so it may start before it); the rest start at every
    /// local hour, day or month start before <paramref name="to"/>. Null when there would be more than <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset>? Compute(
        ZoneCalendar calendar, Granularity granularity, DateTimeOffset from, DateTimeOffset to, int max)
    {
        if (granularity == Granularity.Total)
        {
            return [calendar.ToLocal(from)];
        }

        var starts = new List<DateTimeOffset>();
        var start = granularity switch
        {
            Granularity.Hour => calendar.HourStartAtOrBefore(from),
            Granularity.Day => calendar.DayStartAtOrBefore(from),
            _ => calendar.MonthStartAtOrBefore(from),
        };
        while (start < to)
        {
            if (starts.Count == max)
            {
                return null;
            }
            starts.Add(start);
            start = granularity switch
            {
                Granularity.Hour => calendar.NextHourStart(start),
                Granularity.Day => calendar.DayStart(calendar.LocalDate(start).AddDays(1)),
                _ => NextMonthStart(calendar, start),
            };
        }
        return starts;
    }

    private static DateTimeOffset NextMonthStart(ZoneCalendar calendar, DateTimeOffset monthStart)
    {
        var day = calendar.LocalDate(monthStart);
        var next = new DateOnly(day.Year, day.Month, 1).AddMonths(1);
        return calendar.MonthStart(next.Year, next.Month);
    }
}
