using System.Globalization;
using Streaming.PartitionedState.Storage;

namespace Streaming.PartitionedState.Layouts;

/// <summary>
/// The Redis layout of the channel subscription counters: the subscription service writes it, the gateway and the
/// benchmark read it. Every key of partition p carries the hash tag <c>{p}</c> (see
/// <see cref="PartitionKeys.Tag"/>), so one script updates a partition's keys atomically, on Redis Cluster
/// too. Counters have no TTL: they are the product's data.
/// <list type="bullet">
/// <item><c>{ns}chan:{p}:channel:{channelId}</c> hash: one channel's counts per subscriber-local day, fields
/// <c>{yyyyMMdd}|{metric}</c> (<see cref="Metrics"/>). A field that returns to 0 is deleted. One HGETALL per
/// partition gives every day, which the active counts need: active at the end of a day is the running sum of the
/// daily changes of every day up to it.</item>
/// <item><c>{ns}chan:{p}:channels</c> hash: every channel seen in the partition, fields <c>activeTrial|{channelId}</c>
/// and <c>activePaid|{channelId}</c> holding its current (all-time) active counts; zeros are kept.</item>
/// <item><c>{ns}chan:{p}:utcday:{yyyyMMdd}</c> hash: trial starts and paid conversions on one UTC date (the date of
/// the event's instant, whatever its offset), what the live view shows as "today"; fields <c>{metric}|{channelId}</c>
/// per channel and <c>{metric}</c> over all channels (<see cref="UtcDayField"/>). A field back at 0 is deleted.</item>
/// <item><c>{ns}chan:{p}:stats</c> hash: events processed, applied, duplicates, late, and rejected transitions per
/// reason (<see cref="Stats"/>).</item>
/// </list>
/// </summary>
public static class ChannelCounterLayout
{
    /// <summary>The per-day fields of a channel hash; each counts events of that local day (changes may be negative).</summary>
    public static class Metrics
    {
        public const string TrialStarts = "trialStarts";
        public const string PaidConversions = "paidConversions";

        /// <summary>Paid subscriptions started without a trial before them.</summary>
        public const string PaidStarts = "paidStarts";

        public const string TrialCancellations = "trialCancellations";
        public const string PaidCancellations = "paidCancellations";

        /// <summary>Net change of the customers in trial over the day (starts minus conversions and cancellations).</summary>
        public const string ActiveTrialChange = "activeTrialChange";

        /// <summary>Net change of the customers paying over the day (conversions and paid starts minus cancellations).</summary>
        public const string ActivePaidChange = "activePaidChange";

        public static readonly IReadOnlyList<string> All =
            [TrialStarts, PaidConversions, PaidStarts, TrialCancellations, PaidCancellations, ActiveTrialChange, ActivePaidChange];
    }

    /// <summary>The current active counts in the <c>channels</c> hash.</summary>
    public static class Current
    {
        public const string ActiveTrial = "activeTrial";
        public const string ActivePaid = "activePaid";
    }

    public static class Stats
    {
        /// <summary>Every event in every batch handled once (a redelivered batch is not counted again).</summary>
        public const string Processed = "processed";
        public const string Applied = "applied";
        public const string Duplicates = "duplicates";
        public const string Late = "late";

        /// <summary>Events refused because their subscriber already kept its limit (Subscriptions:MaxEventsPerKey).</summary>
        public const string OverLimit = "over_limit";

        /// <summary>Followed by the reason, e.g. <c>rejected:trial_while_trial</c>: transitions that did not fit the state.</summary>
        public const string RejectedPrefix = "rejected:";
    }

    public static string ChannelDays(string ns, int partition, string channelId) =>
        $"{ns}chan:{PartitionKeys.Tag(partition)}:channel:{channelId}";

    public static string Channels(string ns, int partition) => $"{ns}chan:{PartitionKeys.Tag(partition)}:channels";

    public static string UtcDay(string ns, int partition, DateOnly utcDay) =>
        $"{ns}chan:{PartitionKeys.Tag(partition)}:utcday:{utcDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>A field of a UTC-day hash: one channel's count of a metric, or (channel null) all channels' count.</summary>
    public static string UtcDayField(string metric, string? channelId) => channelId is null ? metric : metric + "|" + channelId;

    public static string StatsKey(string ns, int partition) => $"{ns}chan:{PartitionKeys.Tag(partition)}:stats";

    public static string DayField(DateOnly localDay, string metric) =>
        localDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "|" + metric;

    /// <summary>Parses a channel-hash field; false for anything not of the form <c>{yyyyMMdd}|{metric}</c>.</summary>
    public static bool TryParseDayField(string field, out DateOnly localDay, out string metric)
    {
        // By hand, not DateOnly.TryParseExact: a year of a channel is ~10,000 fields per query.
        (localDay, metric) = (default, "");
        if (field.Length < 10 || field[8] != '|' || !TryDigits(field, 0, 4, out var year) ||
            !TryDigits(field, 4, 2, out var month) || !TryDigits(field, 6, 2, out var day) ||
            year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        (localDay, metric) = (new DateOnly(year, month, day), field[9..]);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    public static string ChannelField(string current, string channelId) => current + "|" + channelId;

    /// <summary>Parses a <c>channels</c>-hash field into which current count it holds and its channel.</summary>
    public static bool TryParseChannelField(string field, out string current, out string channelId)
    {
        var bar = field.IndexOf('|', StringComparison.Ordinal);
        (current, channelId) = bar < 0 ? ("", "") : (field[..bar], field[(bar + 1)..]);
        return current is Current.ActiveTrial or Current.ActivePaid && channelId.Length > 0;
    }
}
