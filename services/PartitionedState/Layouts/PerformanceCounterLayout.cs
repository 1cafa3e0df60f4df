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
/// <item><c>{ns}perf:{p}:all-day:{yyyyMMdd}</c> and <c>{ns}perf:{p}:all-month:{yyyyMM}</c> hashes (roll-ups): whole-UTC-day
/// and whole-UTC-month totals over all titles per offer and marketplace, fields <c>|{offer}|{marketplace}|m</c> and
/// <c>...|s</c> (<see cref="AllTitlesField"/>; the empty first part is where a title id stood in a breakdown per title
/// that is no longer kept).</item>
/// <item><c>{ns}perf:{p}:titles:{yyyyMMdd}</c> and <c>{ns}perf:{p}:titles:{yyyyMM}</c> hashes (roll-ups): whole-UTC-day
/// and whole-UTC-month totals per title, fields as in the all-time <c>titles</c> hash.</item>
/// <item><c>{ns}perf:{p}:all-quarters:{yyyyMMdd}</c> hash: one UTC day's quarter totals over every title, offer and
/// marketplace, fields <c>{quarter}|||m</c> and <c>...|s</c> (<see cref="QuarterTotalField"/>): what a query over all
/// titles by hour or quarter reads when it filters and groups nothing, two fields a quarter instead of two a quarter,
/// offer and marketplace.</item>
/// <item><c>{ns}perf:{p}:day-versions</c> hash: UTC day <c>{yyyyMMdd}</c> → the version of the partition's counters of that
/// day, a token (a GUID) no other batch has, set by each batch that changes them in the same commit
/// (<see cref="DayVersions"/>). The gateway keeps an answer for as long as the versions of its days are unchanged.
/// Field <c>titles</c> (<see cref="TitlesVersionField"/>) is the version of the all-time <c>titles</c> hash: the same
/// token, set by the same commits (every commit that changes a day changes the title totals).</item>
/// <item><c>{ns}perf:{p}:layout</c> string: <see cref="RollupLayout"/> once the partition's roll-ups hold everything its
/// quarter detail holds (written at start by <c>PerformanceRollupBackfill</c>); readers use roll-ups only then.</item>
/// </list>
/// Day-hash fields are <c>{quarter}|{offer}|{marketplace}|m</c> (watched milliseconds) and <c>...|s</c> (streams
/// opened), where quarter is the quarter-hour of the UTC day, 0–95. Quarter hours, finer than the hour the
/// definitions attribute to, let the gateway cut days at any time zone's midnight, including :30 and :45 offsets.
/// The roll-ups are written by the same commit as the quarter detail, so they are always its exact sums; they let a
/// query read a whole UTC day or month of every title in one hash per partition. A title id may hold '|': roll-up
/// fields are parsed from the right (offers and marketplaces never hold it).
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
        TitleDay(TitlePrefix(ns, partition), titleId, Day(utcDay));

    /// <summary>The same key from its parts already written (<see cref="TitlePrefix"/>, <see cref="Day"/>): a reader of
    /// thousands of title-days writes each prefix and day once.</summary>
    public static string TitleDay(string titlePrefix, string titleId, string day) => string.Concat(titlePrefix, titleId, ":", day);

    /// <summary>The start of every per-title day hash of a partition: <c>{ns}perf:{p}:title:</c>.</summary>
    public static string TitlePrefix(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:title:";

    /// <summary>
    /// The partition's day versions: field <see cref="Day"/> → a token set by every commit that changes the counters of
    /// that UTC day (any of its hashes above, roll-ups included), never repeated. Written since day versions exist: a
    /// partition without this hash has a writer from before them, and readers must not rely on it.
    /// </summary>
    public static string DayVersions(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:day-versions";

    /// <summary>
    /// The field of <see cref="DayVersions"/> that holds the version of the partition's all-time <see cref="Titles"/>
    /// hash (a day field is <c>yyyyMMdd</c>, never this); absent where no commit has set it since it exists.
    /// </summary>
    public const string TitlesVersionField = "titles";

    public static string AllDay(string ns, int partition, DateOnly utcDay) => $"{ns}perf:{PartitionKeys.Tag(partition)}:all:{Day(utcDay)}";

    public static string Titles(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:titles";

    public static string StatsKey(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:stats";

    /// <summary>
    /// The value of <see cref="LayoutKey"/> once a partition's roll-ups are complete: 2 before the quarter totals
    /// (<see cref="AllQuarters"/>) existed, 3 with them.
    /// </summary>
    public const string RollupLayout = "3";

    public static string LayoutKey(string ns, int partition) => $"{ns}perf:{PartitionKeys.Tag(partition)}:layout";

    /// <summary>Whole-UTC-day totals over all titles per offer and marketplace (<see cref="AllTitlesField"/>).</summary>
    public static string AllDayRollup(string ns, int partition, DateOnly utcDay) => $"{ns}perf:{PartitionKeys.Tag(partition)}:all-day:{Day(utcDay)}";

    /// <summary>Whole-UTC-month totals over all titles per offer and marketplace (<see cref="AllTitlesField"/>).</summary>
    public static string AllMonthRollup(string ns, int partition, int year, int month) =>
        $"{ns}perf:{PartitionKeys.Tag(partition)}:all-month:{Month(year, month)}";

    /// <summary>One UTC day's quarter totals over all titles, offers and marketplaces (<see cref="QuarterTotalField"/>).</summary>
    public static string AllQuarters(string ns, int partition, DateOnly utcDay) => $"{ns}perf:{PartitionKeys.Tag(partition)}:all-quarters:{Day(utcDay)}";

    /// <summary>A field of <see cref="AllQuarters"/>: a day-hash field whose offer and marketplace are empty.</summary>
    public static string QuarterTotalField(int quarter, string suffix) => DayField(quarter, "", "", suffix);

    /// <summary>Whole-UTC-day totals per title (<see cref="TitleWatchedField"/>, <see cref="TitleStreamsField"/>).</summary>
    public static string DayTitles(string ns, int partition, DateOnly utcDay) => $"{Titles(ns, partition)}:{Day(utcDay)}";

    /// <summary>Whole-UTC-month totals per title (<see cref="TitleWatchedField"/>, <see cref="TitleStreamsField"/>).</summary>
    public static string MonthTitles(string ns, int partition, int year, int month) => $"{Titles(ns, partition)}:{Month(year, month)}";

    /// <summary>A field of the all-titles roll-ups: <c>|{offer}|{marketplace}|{suffix}</c>.</summary>
    public static string AllTitlesField(string offer, string marketplace, string suffix) =>
        string.Concat("|", offer, "|", marketplace, "|" + suffix);

    /// <summary>
    /// Splits an all-titles roll-up field into offer, marketplace and whether it counts watched time (else streams),
    /// from the right, without allocating; false for anything else.
    /// </summary>
    public static bool TryParseAllTitlesField(
        ReadOnlySpan<char> field, out ReadOnlySpan<char> offer, out ReadOnlySpan<char> marketplace, out bool watched)
    {
        offer = marketplace = default;
        watched = false;
        if (field.Length < 2 || field[0] != '|' || field[^2] != '|' || field[^1] is not ('m' or 's')) return false;
        watched = field[^1] == 'm';
        var rest = field[..^2];
        var bar = rest.LastIndexOf('|');
        if (bar < 0) return false;
        marketplace = rest[(bar + 1)..];
        rest = rest[..bar];
        bar = rest.LastIndexOf('|');
        if (bar < 0) return false;
        offer = rest[(bar + 1)..];
        // Nothing may stand before the offer: a field that names a title (or holds another '|') is not one of these.
        return bar == 0;
    }

    public static string TitleWatchedField(string titleId) => "m:" + titleId;

    public static string TitleStreamsField(string titleId) => "s:" + titleId;

    public static string DayField(int quarter, string offer, string marketplace, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{quarter}|{offer}|{marketplace}|{suffix}");

    /// <summary>Parses a day-hash field; false for anything not of the form above.</summary>
    public static bool TryParseDayField(string field, out int quarter, out string offer, out string marketplace, out string suffix)
    {
        var parsed = TryParseDayField(field.AsSpan(), out quarter, out var o, out var m, out var s);
        (offer, marketplace, suffix) = parsed ? (o.ToString(), m.ToString(), s.ToString()) : ("", "", "");
        return parsed;
    }

    /// <summary>Parses a day-hash field into spans of it, without allocating (queries parse thousands per answer).</summary>
    public static bool TryParseDayField(
        ReadOnlySpan<char> field, out int quarter, out ReadOnlySpan<char> offer, out ReadOnlySpan<char> marketplace, out ReadOnlySpan<char> suffix)
    {
        quarter = 0;
        offer = marketplace = suffix = default;
        // Exactly four parts, split at '|' by hand (queries parse thousands of fields per answer).
        var first = field.IndexOf('|');
        if (first < 0) return false;
        var rest = field[(first + 1)..];
        var second = rest.IndexOf('|');
        if (second < 0) return false;
        var tail = rest[(second + 1)..];
        var third = tail.IndexOf('|');
        if (third < 0 || tail[(third + 1)..].Contains('|') ||
            !int.TryParse(field[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or >= QuartersPerDay)
        {
            return false;
        }
        quarter = parsed;
        offer = rest[..second];
        marketplace = tail[..third];
        suffix = tail[(third + 1)..];
        return true;
    }

    /// <summary><c>yyyyMMdd</c>, written digit by digit: every key of a day holds it, and a query builds thousands of keys.</summary>
    public static string Day(DateOnly utcDay) => string.Create(8, utcDay, static (text, day) =>
    {
        Digits(text[..4], day.Year);
        Digits(text[4..6], day.Month);
        Digits(text[6..], day.Day);
    });

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10) text[i] = (char)('0' + value % 10);
    }

    public static string Month(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}{month:D2}");

    /// <summary>The UTC day and quarter index of an instant.</summary>
    public static (DateOnly Day, int Quarter) Locate(long unixMs)
    {
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;
        return (DateOnly.FromDateTime(instant), (instant.Hour * 60 + instant.Minute) / 15);
    }
}
