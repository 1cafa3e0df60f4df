using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Channels;

/// <summary>
/// Checks the parameters of a channel query and resolves them into a <see cref="ChannelPlan"/>, or into errors keyed
/// by parameter name (the performance planner's conventions and helpers). No I/O: the clock is injected for the
/// default range, the 30 days ending today (UTC).
/// </summary>
public sealed class ChannelPlanner(TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxChannelIdLength = 128;

    public bool TryPlan(ChannelRequest request, [NotNullWhen(true)] out ChannelPlan? plan, out Dictionary<string, string[]> errors)
    {
        plan = null;
        errors = [];
        CheckChannelId(request.ChannelId, errors);
        var from = ParseDate("from", request.From, errors);
        var to = ParseDate("to", request.To, errors);
        var granularity = ParseGranularity(request.Granularity, errors);
        var csv = PerformancePlanner.ParseFormat(request.Format, errors);
        if (errors.Count > 0)
        {
            return false;
        }

        // Local dates of subscribers everywhere: "today" is the UTC date, the one every zone is closest to on average.
        var last = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(1 - DefaultDays);
        if (last < first)
        {
            PerformancePlanner.Add(errors, "to", $"must not be before from ({first:yyyy-MM-dd}); it is {last:yyyy-MM-dd}.");
            return false;
        }
        if (last >= first.AddYears(PerformancePlanner.MaxYears))
        {
            PerformancePlanner.Add(errors, "to", $"the range may span at most {PerformancePlanner.MaxYears} years.");
            return false;
        }
        plan = new ChannelPlan(request.ChannelId, first, last, granularity, BucketStarts(granularity, first, last), csv);
        return true;
    }

    private static IReadOnlyList<DateOnly> BucketStarts(ChannelGranularity granularity, DateOnly from, DateOnly to)
    {
        var starts = new List<DateOnly>();
        switch (granularity)
        {
            case ChannelGranularity.Day:
                for (var day = from; day <= to; day = day.AddDays(1)) starts.Add(day);
                break;
            case ChannelGranularity.Month:
                for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1)) starts.Add(month);
                break;
            default:
                starts.Add(from);
                break;
        }
        return starts;
    }

    internal static void CheckChannelId(string channelId, Dictionary<string, string[]> errors)
    {
        if (channelId.Length == 0 || channelId.Length > 2 * MaxChannelIdLength ||
            channelId.EnumerateRunes().Count() > MaxChannelIdLength || channelId.Any(char.IsControl))
        {
            PerformancePlanner.Add(errors, "channelId", $"must be 1-{MaxChannelIdLength} characters without control characters.");
        }
    }

    /// <summary>A whole local day, yyyy-MM-dd; null when not given.</summary>
    private static DateOnly? ParseDate(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            PerformancePlanner.Add(errors, name, $"'{text}' is not a date such as 2026-03-08 (channel metrics count whole subscriber-local days).");
            return null;
        }
        return PerformancePlanner.InRange(date.Year, name, errors) ? date : null;
    }

    private static ChannelGranularity ParseGranularity(string? text, Dictionary<string, string[]> errors)
    {
        switch (string.IsNullOrWhiteSpace(text) ? "day" : text)
        {
            case "day": return ChannelGranularity.Day;
            case "month": return ChannelGranularity.Month;
            case "total": return ChannelGranularity.Total;
            default:
                PerformancePlanner.Add(errors, "granularity", $"'{text}' is not a granularity of channel metrics: day, month or total.");
                return ChannelGranularity.Day;
        }
    }
}
