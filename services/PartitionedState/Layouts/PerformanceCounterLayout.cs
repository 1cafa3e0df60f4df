using System.Globalization;
using Streaming.PartitionedState.Storage;

namespace Streaming.PartitionedState.Layouts;

/// <summary>
/// The Redis layout of the performance counters: sessionization writes it, the gateway and the benchmark read it.
/// Every key of partition p carries the hash tag <c>{p}</c>, so one partition's keys live in one Redis Cluster slot
/// and one script can update them atomically. Counters have no TTL: they are the product's data.
/// <list type="bullet">
/// <item><c>{ns}perf:{p}:title:{titleId}:{yyyyMMdd}</c> hash: one title's counters for one UTC day.</item>
/// <item><c>{ns}perf:{p}:all:{yyyyMMdd}</c> hash: the same summed over all titles.</item>
/// <item><c>{ns}perf:{p}:titles</c> hash: all-time totals per title, fields <c>m:{titleId}</c> and <c>s:{titleId}</c>.</item>
/// <item><c>{ns}perf:{p}:stats</c> hash: events processed, applied, duplicates, late (see <see cref="Stats"/>).</item>
/// </list>
/// Day-hash fields are <c>{quarter}|{offer}|{marketplace}|m</c> (watched milliseconds) and <c>...|s</c> (streams
/// opened), where quarter is the quarter-hour of the UTC day, 0–95. Quarter hours, finer than the hour the
/// definitions attribute to, let the gateway cut days at any time zone's midnight, including :30 and :45 offsets.
/// </summary>
public static class PerformanceCounterLayout
{
    public const long QuarterMs = 15 * 60 * 1000;
    public const int QuartersPerDay = 96;
    public const string WatchedSuffix = "m";
    public const string StreamsSuffix = "s";

    public static class Stats
    {
        /// <summary>Every event in every batch handled once (a redelivered batch is not counted again).</summary>
        public const string Processed = "processed";
        public const string Applied = "applied";
        public const string Duplicates = "duplicates";
        public const string Late = "late";

        /// <summary>Events refused because their stream key already kept its limit (Sessionization:MaxEventsPerKey).</summary>
        public const string OverLimit = "over_limit";
    }

    public static string TitleDay(string ns, int partition, string titleId, DateOnly utcDay) =>
        $"{ns}perf:{PartitionKeys.Tag(partition)}:title:{titleId}:{Day(utcDay)}";

    public static string AllDay(string ns, int partition, DateOnly utcDay) => $"{ns}perf:{PartitionKeys.Tag(partition)}:all:{Day(utcDay)}";

    public static string Titles(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:titles";

    public static string StatsKey(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:stats";

    public static string TitleWatchedField(string titleId) => "m:" + titleId;

    public static string TitleStreamsField(string titleId) => "s:" + titleId;

    public static string DayField(int quarter, string offer, string marketplace, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{quarter}|{offer}|{marketplace}|{suffix}");

    /// <summary>Parses a day-hash field; false for anything not of the form above.</summary>
    public static bool TryParseDayField(string field, out int quarter, out string offer, out string marketplace, out string suffix)
    {
        quarter = 0;
        offer = marketplace = suffix = "";
        var parts = field.Split('|');
        if (parts.Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out quarter) ||
            quarter is < 0 or >= QuartersPerDay)
        {
            return false;
        }
        (offer, marketplace, suffix) = (parts[1], parts[2], parts[3]);
        return true;
    }

    public static string Day(DateOnly utcDay) => utcDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The UTC day and quarter index of an instant.</summary>
    public static (DateOnly Day, int Quarter) Locate(long unixMs)
    {
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;
        return (DateOnly.FromDateTime(instant), (instant.Hour * 60 + instant.Minute) / 15);
    }
}
