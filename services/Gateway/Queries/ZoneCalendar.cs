using NodaTime;
using NodaTime.TimeZones;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Where local hours, days and months start in one time zone, as instants, daylight-saving changes included: a
/// spring-forward day has 23 hours, a fall-back day 25 (its two 01:00 hours differ by offset). Every instant it
/// returns carries the zone's offset at that instant. The zone rules are NodaTime's: reading offset changes from its
/// zone intervals is 1.5 to 6 times as fast as probing <see cref="TimeZoneInfo"/> offsets (docs/benchmarks.md).
/// </summary>
public sealed class ZoneCalendar(DateTimeZone zone)
{
    // A wall-clock time the clock passes twice is its earlier instant; one the clock skips is the end of the gap.
    private static readonly ZoneLocalMappingResolver EarlierOrEndOfGap =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public DateTimeZone Zone => zone;

    public DateTimeOffset ToLocal(DateTimeOffset instant) => InZone(Instant.FromDateTimeOffset(instant));

    public DateOnly LocalDate(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(zone).Date.ToDateOnly();

    /// <summary>The first instant of a local day: its midnight, or the end of the gap when the clock skips midnight.</summary>
    public DateTimeOffset DayStart(DateOnly day) => zone.AtStartOfDay(NodaTime.LocalDate.FromDateOnly(day)).ToDateTimeOffset();

    /// <summary>
    /// The instant a local wall-clock time names: the earlier one when the clock is set back over it, the end of the
    /// gap when the clock jumps over it.
    /// </summary>
    public DateTimeOffset Resolve(DateTime wallClock) =>
        LocalDateTime.FromDateTime(wallClock).InZone(zone, EarlierOrEndOfGap).ToDateTimeOffset();

    /// <summary>The first instant strictly after <paramref name="instant"/> at which the local clock reads a whole hour.</summary>
    public DateTimeOffset NextHourStart(DateTimeOffset instant)
    {
        var at = Instant.FromDateTimeOffset(instant);
        while (true)
        {
            var interval = zone.GetZoneInterval(at);
            var candidate = at.PlusTicks(TimeSpan.TicksPerHour - TicksPastTheHour(at, interval.WallOffset));
            if (!interval.HasEnd || candidate < interval.End)
            {
                return InZone(candidate);
            }
            // The offset changes before the next whole hour of the old offset: the next one is at or after the change.
            at = interval.End;
            if (TicksPastTheHour(at, zone.GetUtcOffset(at)) == 0)
            {
                return InZone(at);
            }
        }
    }

    /// <summary>The last instant at or before <paramref name="instant"/> at which the local clock reads a whole hour.</summary>
    public DateTimeOffset HourStartAtOrBefore(DateTimeOffset instant)
    {
        // Whole hours are never more than two hours apart (a one-hour jump at most), so three hours back holds one.
        var start = NextHourStart(instant.AddHours(-3));
        for (var next = NextHourStart(start); next <= instant; next = NextHourStart(next))
        {
            start = next;
        }
        return start;
    }

    public DateTimeOffset DayStartAtOrBefore(DateTimeOffset instant)
    {
        var day = LocalDate(instant);
        var start = DayStart(day);
        return start <= instant ? start : DayStart(day.AddDays(-1));
    }

    public DateTimeOffset MonthStart(int year, int month) => DayStart(new DateOnly(year, month, 1));

    public DateTimeOffset MonthStartAtOrBefore(DateTimeOffset instant)
    {
        var day = LocalDate(instant);
        var start = MonthStart(day.Year, day.Month);
        return start <= instant ? start : DayStart(new DateOnly(day.Year, day.Month, 1).AddMonths(-1));
    }

    private DateTimeOffset InZone(Instant instant) => instant.InZone(zone).ToDateTimeOffset();

    private static long TicksPastTheHour(Instant instant, Offset offset)
    {
        var local = instant.ToUnixTimeTicks() + offset.Ticks;
        return (local % TimeSpan.TicksPerHour + TimeSpan.TicksPerHour) % TimeSpan.TicksPerHour; // before 1970 too
    }
}
