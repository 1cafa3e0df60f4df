using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Streaming.EngagementRules;

/// <summary>A calendar month in UTC, written <c>yyyy-MM</c>: the period of the engagement ranking.</summary>
public readonly record struct UtcMonth(int Year, int Month) : IComparable<UtcMonth>
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant after the month (exclusive end).</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    public UtcMonth Previous => Of(Start.AddMonths(-1));

    public static UtcMonth Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new UtcMonth(utc.Year, utc.Month);
    }

    public static UtcMonth OfUnixMs(long unixMs) => Of(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));

    /// <summary>Parses exactly <c>yyyy-MM</c> with a year from 1970 to 2999.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out UtcMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-' ||
            !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            year is < 1970 or > 2999 || number is < 1 or > 12)
        {
            return false;
        }
        month = new UtcMonth(year, number);
        return true;
    }

    public int CompareTo(UtcMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
