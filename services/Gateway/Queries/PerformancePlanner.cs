using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using Streaming.Contracts.Playback;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Checks the parameters of a performance query and resolves them into a <see cref="PerformancePlan"/>, or into
/// errors keyed by parameter name. No I/O: the clock is injected for the default range.
/// </summary>
public sealed class PerformancePlanner(TimeProvider clock)
{
    public const int MaxBuckets = 10_000;
    public const int MaxYears = 3;
    public const int MaxTitleIds = 100;
    public const int DefaultDays = 7;
    public const string DefaultTz = "UTC";

    private static readonly string NotAnOffer = $"is not an offer: {string.Join(", ", PlaybackOffers.All.SkipLast(1))} or {PlaybackOffers.All[^1]}";

    // IANA names only (no Windows names), in any case, as the operating system's lookup accepted them before.
    private static readonly FrozenDictionary<string, string> ZoneIds =
        DateTimeZoneProviders.Tzdb.Ids.ToFrozenDictionary(id => id, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz"];

    public bool TryPlan(PerformanceRequest request, [NotNullWhen(true)] out PerformancePlan? plan, out Dictionary<string, string[]> errors)
    {
        plan = null;
        errors = [];
        var zone = ParseZone(request.Tz, errors);
        var from = ParseBound("from", request.From, errors);
        var to = ParseBound("to", request.To, errors);
        var granularity = ParseGranularity(request.Granularity, errors);
        var titleIds = ParseTitleIds(request.TitleIds, errors);
        var offers = ParseSet("offer", request.Offers, o => PlaybackOffers.All.Contains(o, StringComparer.Ordinal), NotAnOffer, errors);
        var marketplaces = ParseSet("marketplace", request.Marketplaces, m => m.Length == 2 && m.All(char.IsAsciiLetterUpper),
            "is not a marketplace: two upper-case letters (ISO 3166-1 alpha-2), e.g. DE", errors);
        var groupBy = ParseGroupBy(request.GroupBy, errors);
        var csv = ParseFormat(request.Format, errors);
        if (errors.Count > 0 || zone is null)
        {
            return false;
        }

        var calendar = new ZoneCalendar(zone);
        var today = calendar.LocalDate(clock.GetUtcNow());
        var fromInstant = from?.Instant ?? calendar.DayStart(from?.Date ?? today.AddDays(1 - DefaultDays));
        var toInstant = to?.Instant ?? calendar.DayStart((to?.Date ?? today).AddDays(1)); // a date includes its whole day
        fromInstant = calendar.ToLocal(fromInstant);
        toInstant = calendar.ToLocal(toInstant);

        if (toInstant <= fromInstant)
        {
            return Fail(errors, "to", $"must be after from ({InstantText.Iso(fromInstant)}); it is {InstantText.Iso(toInstant)}.");
        }
        if (toInstant > calendar.Resolve(fromInstant.DateTime.AddYears(MaxYears)))
        {
            return Fail(errors, "to", $"the range may span at most {MaxYears} years.");
        }
        var starts = BucketStarts.Compute(calendar, granularity, fromInstant, toInstant, MaxBuckets);
        if (starts is null)
        {
            return Fail(errors, "granularity",
                $"the series would have more than {MaxBuckets} buckets: choose a coarser granularity or a shorter range.");
        }

        plan = new PerformancePlan(zone, fromInstant, toInstant, granularity, starts, titleIds, offers, marketplaces, groupBy, csv);
        return true;
    }

    private static DateTimeZone? ParseZone(string? tz, Dictionary<string, string[]> errors)
    {
        var name = string.IsNullOrWhiteSpace(tz) ? DefaultTz : tz;
        if (ZoneIds.TryGetValue(name, out var id))
        {
            return DateTimeZoneProviders.Tzdb[id];
        }
        Add(errors, "tz", $"'{name}' is not an IANA time zone name, e.g. Europe/Berlin.");
        return null;
    }

    /// <summary>A date (whole local day) or a date-time with offset; null when not given.</summary>
    private static (DateOnly? Date, DateTimeOffset? Instant)? ParseBound(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (InRange(date.Year, name, errors))
            {
                return (date, null);
            }
            return null;
        }
        // An unencoded '+' in a query string arrives as a space; 'Z' is the zero offset.
        var normalized = text.Replace(' ', '+');
        if (normalized.EndsWith('Z') || normalized.EndsWith('z'))
        {
            normalized = normalized[..^1] + "+00:00";
        }
        if (DateTimeOffset.TryParseExact(normalized, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            if (InRange(instant.Year, name, errors))
            {
                return (null, instant);
            }
            return null;
        }
        Add(errors, name, $"'{text}' is neither a date (2026-03-08) nor a date-time with offset (2026-03-08T10:00:00+01:00).");
        return null;
    }

    internal static bool InRange(int year, string name, Dictionary<string, string[]> errors)
    {
        if (year is >= 1970 and <= 2999)
        {
            return true;
        }
        Add(errors, name, "must lie between the years 1970 and 2999.");
        return false;
    }

    private static Granularity ParseGranularity(string? text, Dictionary<string, string[]> errors)
    {
        switch (string.IsNullOrWhiteSpace(text) ? "day" : text)
        {
            case "hour": return Granularity.Hour;
            case "day": return Granularity.Day;
            case "month": return Granularity.Month;
            case "total": return Granularity.Total;
            default:
                Add(errors, "granularity", $"'{text}' is not a granularity: hour, day, month or total.");
                return Granularity.Day;
        }
    }

    private static GroupBy? ParseGroupBy(string? text, Dictionary<string, string[]> errors)
    {
        switch (text)
        {
            case null or "": return null;
            case "title": return GroupBy.Title;
            case "offer": return GroupBy.Offer;
            case "marketplace": return GroupBy.Marketplace;
            default:
                Add(errors, "groupBy", $"'{text}' is not a grouping: title, offer or marketplace.");
                return null;
        }
    }

    internal static bool ParseFormat(string? text, Dictionary<string, string[]> errors)
    {
        switch (text)
        {
            case null or "" or "json": return false;
            case "csv": return true;
            default:
                Add(errors, "format", $"'{text}' is not a format: json or csv.");
                return false;
        }
    }

    internal static HashSet<string> ParseTitleIds(IReadOnlyList<string> values, Dictionary<string, string[]> errors)
    {
        var titleIds = ParseSet("titleId", values, id => id.Length <= 256 && !id.Any(char.IsControl),
            "is not a title id", errors);
        if (titleIds.Count > MaxTitleIds)
        {
            Add(errors, "titleId", $"at most {MaxTitleIds} titles per query.");
        }
        return titleIds;
    }

    private static HashSet<string> ParseSet(
        string name, IReadOnlyList<string> values, Func<string, bool> valid, string problem, Dictionary<string, string[]> errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                Add(errors, name, "must not be empty.");
            }
            else if (!valid(value))
            {
                Add(errors, name, $"'{value}' {problem}.");
            }
            else
            {
                set.Add(value);
            }
        }
        return set;
    }

    private static bool Fail(Dictionary<string, string[]> errors, string name, string message)
    {
        Add(errors, name, message);
        return false;
    }

    internal static void Add(Dictionary<string, string[]> errors, string name, string message) =>
        errors[name] = errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
}
