namespace Streaming.Gateway.Queries;

/// <summary>
/// Where local hours, days and months start in one time zone, as instants, daylight-saving changes included: a
/// spring-forward day has 23 hours, a fall-back day 25 (its two 01:00 hours differ by offset). Every instant it
/// returns carries the zone's offset at that instant.
/// </summary>
public sealed class ZoneCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The first instant of a local day: its midnight, or the end of the gap when the clock skips midnight.</summary>
    public DateTimeOffset DayStart(DateOnly day) => Resolve(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// The instant a local wall-clock time names: the earlier one when the clock is set back over it, the end of the
    /// gap when the clock jumps over it.
    /// </summary>
    public DateTimeOffset Resolve(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddDays(-1));
            var after = zone.GetUtcOffset(local.AddDays(1));
            var transition = FindTransition(Utc(local - after), Utc(local - before));
            return ToLocal(new DateTimeOffset(transition));
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The first instant strictly after <paramref name="instant"/> at which the local clock reads a whole hour.</summary>
    public DateTimeOffset NextHourStart(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        while (true)
        {
            var offset = zone.GetUtcOffset(utc);
            var pastTheHour = (utc + offset).Ticks % TimeSpan.TicksPerHour;
            var candidate = utc.AddTicks(TimeSpan.TicksPerHour - pastTheHour);
            if (zone.GetUtcOffset(candidate) == offset)
            {
                return ToLocal(new DateTimeOffset(candidate));
            }
            // The offset changes before the next whole hour of the old offset: the next one is at or after the change.
            var transition = FindTransition(utc, candidate);
            if ((transition + zone.GetUtcOffset(transition)).Ticks % TimeSpan.TicksPerHour == 0)
            {
                return ToLocal(new DateTimeOffset(transition));
            }
            utc = transition;
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

    /// <summary>The first instant in (<paramref name="from"/>, <paramref name="to"/>] whose offset differs from the one at <paramref name="from"/>.</summary>
    private DateTime FindTransition(DateTime from, DateTime to)
    {
        var offset = zone.GetUtcOffset(from);
        var (low, high) = (from.Ticks, to.Ticks);
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (zone.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)) == offset)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return new DateTime(high, DateTimeKind.Utc);
    }

    private static DateTime Utc(DateTime wallClockMinusOffset) => DateTime.SpecifyKind(wallClockMinusOffset, DateTimeKind.Utc);
}
