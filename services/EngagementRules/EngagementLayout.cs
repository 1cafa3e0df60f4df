using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Streaming.EngagementRules;

/// <summary>
/// The Redis layout of the engagement ranking: the engagement service writes it, the gateway and the benchmark read
/// it. <c>{ns}</c> is the pipeline namespace followed by a dot, or empty. No key has a TTL except the batch markers.
/// The keys sit in two kinds of hash tag, so a Redis Cluster spreads them over its masters (docs/scaling.md):
/// <para><b>One slot per month × territory</b>, tag <c>{eng:{yyyy-MM}:{territory}}</c> (<see cref="SlotTag"/>): what
/// CER and the earnings report of that territory-month read, and that territory-month's share of each facts message.</para>
/// <list type="bullet">
/// <item><c>{ns}eng:{slot}:prime</c> hash: field <c>{unit}</c> → <c>"{customers} {watchedMs}"</c>,
/// the unit's distinct customers and watched milliseconds, offer prime only: what CER ranks. One field per unit, so the
/// engagement query reads N fields for N units.</item>
/// <item><c>{ns}eng:{slot}:offers</c> hash: per unit and offer, fields <c>{unit}|{offer}|s</c>
/// unique streams and <c>{unit}|{offer}|m</c> watched milliseconds, every offer: the earnings report.</item>
/// <item><c>{ns}eng:{slot}:customers</c> hash: field <c>{unit}␟{customerId}</c>, the customer's net
/// prime streams of the unit (absent when 0; may be negative while corrections arrive out of order). Deleted once the
/// month is final.</item>
/// <item><c>{ns}eng:{slot}:status</c> hash: <c>gen</c>, the month's generation the slot counts for (an operator's
/// reset starts a new one), and <c>final</c> = 1 once the month's close has reached the slot: facts applied to it
/// after that are counted as late; <c>version</c> (<see cref="SlotVersionField"/>), which changes whenever the prime
/// hash does. Absent: generation 0, counting.</item>
/// <item><c>{ns}eng:{slot}:batch:{batchId}</c> string, TTL <c>BatchMarkerRetention</c>: the message's share of this slot
/// is applied; the value is what it did, <c>"applied {facts}"</c> or <c>"late {facts}"</c>, so a redelivery reports
/// the same.</item>
/// </list>
/// <para><b>The control slot</b>, tag <c>{eng}</c>: the small shared state.</para>
/// <list type="bullet">
/// <item><c>{ns}eng:{eng}:territories:{yyyy-MM}</c> set: territories with facts in the month: the slots of the month.</item>
/// <item><c>{ns}eng:{eng}:open</c> hash: month → its deadline (Unix ms, end plus grace), for months with facts that
/// wait for their close.</item>
/// <item><c>{ns}eng:{eng}:closing</c> hash: month → <c>final</c> while its close goes through its slots, or
/// <c>reset</c> while an operator's reset does. Facts of a month in it are late; it is not final yet.</item>
/// <item><c>{ns}eng:{eng}:final</c> hash: month → when it became final (Unix ms). A final month never changes.</item>
/// <item><c>{ns}eng:{eng}:reopened</c> hash: month → 0 while an operator has it open for an import, or the time (Unix ms)
/// an operator asked to close it: it closes once every partition has caught up to that time.</item>
/// <item><c>{ns}eng:{eng}:generations</c> hash: month → its generation (absent: 0), moved on by each reset.</item>
/// <item><c>{ns}eng:{eng}:closed</c> set: final months whose customer hashes are still to be deleted.</item>
/// <item><c>{ns}eng:{eng}:late</c> hash: month → facts ignored because they arrived when it was final (those the
/// control step turned away and those a closed slot did).</item>
/// <item><c>{ns}eng:{eng}:progress</c> hash: playback partition → the time (Unix ms) it has caught up to: the newest
/// progress probe whose facts message was applied.</item>
/// <item><c>{ns}eng:{eng}:season-titles</c> hash: season id → the title id the first facts of the season named: a
/// season belongs to the distributor of that title (the gateway shows a distributor its own seasons by it).</item>
/// <item><c>{ns}eng:{eng}:state</c> hash: <c>final_through</c>, the stats (<see cref="State"/>) and <c>layout</c>.</item>
/// <item><c>{ns}eng:{eng}:batch:{batchId}</c> string, TTL <c>BatchMarkerRetention</c>: the whole facts message is applied.</item>
/// <item><c>{ns}eng:{eng}:batch:{batchId}:plan</c> hash, same TTL: what the message's first step decided, per month:
/// <c>late</c> or the generation its slots count for, so a redelivery after a partial apply decides the same.</item>
/// </list>
/// How a message, a close and a reset go through these: docs/architecture.md ("Engagement"). A unit is
/// <c>title:{titleId}</c> or <c>season:{seasonId}</c>. Field parsing takes the kind up to the first ':' and the offer
/// and suffix from the right, so ids may hold ':' and '|'. A territory may not hold '{' or '}' (it is in a hash tag).
/// </summary>
public static class EngagementLayout
{
    public const string TitleKind = "title";
    public const string SeasonKind = "season";
    public const string WatchedSuffix = "m";
    public const string StreamsSuffix = "s";
    public const char CustomerSeparator = '\u001f';

    /// <summary>Fields of the state hash.</summary>
    public static class State
    {
        /// <summary>
        /// <c>yyyy-MM</c>: every month up to this one is final unless it is open or reopened. Set from the wall clock
        /// alone by the first facts or check of an installation (nothing is queued from before it), then moved on by
        /// the partitions' progress.
        /// </summary>
        public const string FinalThrough = "final_through";

        /// <summary>Facts messages applied (a repeated BatchId is not counted again).</summary>
        public const string Messages = "messages";

        /// <summary>Facts messages dropped because their BatchId was applied before.</summary>
        public const string Duplicates = "duplicates";

        public const string FactsApplied = "facts_applied";

        /// <summary>Facts ignored because their month was final (per month: <see cref="LateFacts"/>).</summary>
        public const string FactsIgnoredFinal = "facts_ignored_final";
    }

    /// <summary>
    /// The field of a slot's status hash that names the prime hash's version: the slot marker key of the last message
    /// counted there (apply-slot.lua) or a new GUID from an operator's reset (reset-slot.lua). No two changes share a
    /// version, so an answer ranked from the prime hash read with a version holds while the field keeps it. Absent on
    /// slots nothing has been counted in since it came (the gateway then ranks every time).
    /// </summary>
    public const string SlotVersionField = "version";

    /// <summary>The <c>layout</c> field of the state hash: 2 once the namespace is in this layout (<see cref="Legacy"/>).</summary>
    public const string LayoutField = "layout";

    public const int CurrentLayout = 2;

    private const string Tag = "{eng}";

    /// <summary>The hash tag of a month × territory: <c>{eng:yyyy-MM:territory}</c>.</summary>
    public static string SlotTag(UtcMonth month, string territory) => $"{{eng:{month}:{territory}}}";

    public static string Prime(string ns, UtcMonth month, string territory) => $"{ns}eng:{SlotTag(month, territory)}:prime";

    public static string Offers(string ns, UtcMonth month, string territory) => $"{ns}eng:{SlotTag(month, territory)}:offers";

    public static string Customers(string ns, UtcMonth month, string territory) => $"{ns}eng:{SlotTag(month, territory)}:customers";

    public static string SlotStatus(string ns, UtcMonth month, string territory) => $"{ns}eng:{SlotTag(month, territory)}:status";

    public static string SlotMarker(string ns, UtcMonth month, string territory, Guid batchId) =>
        $"{ns}eng:{SlotTag(month, territory)}:batch:{batchId:N}";

    public static string Territories(string ns, UtcMonth month) => $"{ns}eng:{Tag}:territories:{month}";

    public static string OpenMonths(string ns) => $"{ns}eng:{Tag}:open";

    public static string ClosingMonths(string ns) => $"{ns}eng:{Tag}:closing";

    public static string FinalMonths(string ns) => $"{ns}eng:{Tag}:final";

    public static string ReopenedMonths(string ns) => $"{ns}eng:{Tag}:reopened";

    public static string Generations(string ns) => $"{ns}eng:{Tag}:generations";

    public static string ClosedMonths(string ns) => $"{ns}eng:{Tag}:closed";

    public static string LateFacts(string ns) => $"{ns}eng:{Tag}:late";

    public static string Progress(string ns) => $"{ns}eng:{Tag}:progress";

    public static string StateKey(string ns) => $"{ns}eng:{Tag}:state";

    public static string SeasonTitles(string ns) => $"{ns}eng:{Tag}:season-titles";

    public static string BatchMarker(string ns, Guid batchId) => $"{ns}eng:{Tag}:batch:{batchId:N}";

    public static string BatchPlan(string ns, Guid batchId) => $"{ns}eng:{Tag}:batch:{batchId:N}:plan";

    /// <summary>
    /// The counters' keys before the split (layout 1): every key under <c>{eng}</c>, the month and territory at the end
    /// of the name. Read only by the migration (EngagementRanking's LayoutMigration).
    /// </summary>
    public static class Legacy
    {
        public static string Prime(string ns, UtcMonth month, string territory) => $"{ns}eng:{Tag}:prime:{month}:{territory}";

        public static string Offers(string ns, UtcMonth month, string territory) => $"{ns}eng:{Tag}:offers:{month}:{territory}";

        public static string Customers(string ns, UtcMonth month, string territory) => $"{ns}eng:{Tag}:customers:{month}:{territory}";
    }

    public static string Unit(string kind, string id) => kind + ":" + id;

    public static string PrimeValue(long customers, long watchedMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{customers} {watchedMs}");

    /// <summary>Parses a prime value <c>"{customers} {watchedMs}"</c> from its UTF-8 bytes; false for anything else.</summary>
    public static bool TryParsePrimeValue(ReadOnlySpan<byte> value, out long customers, out long watchedMs)
    {
        watchedMs = 0;
        var space = value.IndexOf((byte)' ');
        return Utf8Parser.TryParse(value[..Math.Max(space, 0)], out customers, out var read) && read == space &&
               Utf8Parser.TryParse(value[(space + 1)..], out watchedMs, out read) && read == value.Length - space - 1;
    }

    public static string OfferField(string unit, string offer, string suffix) => unit + "|" + offer + "|" + suffix;

    public static string CustomerField(string unit, string customerId) => unit + CustomerSeparator + customerId;

    /// <summary>Parses <c>{kind}:{id}|{offer}|{suffix}</c>; false for anything else.</summary>
    public static bool TryParseOfferField(string field, out string kind, out string id, out string offer, out string suffix)
    {
        kind = id = offer = suffix = "";
        var last = field.LastIndexOf('|');
        var previous = last > 0 ? field.LastIndexOf('|', last - 1) : -1;
        if (previous <= 0 || !TryParseUnit(field[..previous], out kind, out id))
        {
            return false;
        }
        offer = field[(previous + 1)..last];
        suffix = field[(last + 1)..];
        return offer.Length > 0 && suffix.Length > 0;
    }

    /// <summary>
    /// Parses the UTF-8 bytes of <c>{kind}:{id}</c> as <see cref="TryParseUnit(string, out string, out string)"/> does,
    /// with no string but the id made: the kind is <see cref="TitleKind"/> or <see cref="SeasonKind"/> itself.
    /// </summary>
    public static bool TryParseUnit(ReadOnlySpan<byte> unit, out string kind, out string id)
    {
        kind = unit.StartsWith("title:"u8) ? TitleKind : unit.StartsWith("season:"u8) ? SeasonKind : "";
        id = kind.Length > 0 ? Encoding.UTF8.GetString(unit[(kind.Length + 1)..]) : "";
        return id.Length > 0;
    }

    /// <summary>Parses <c>{kind}:{id}</c> with kind title or season.</summary>
    public static bool TryParseUnit(string unit, out string kind, out string id)
    {
        var colon = unit.IndexOf(':');
        kind = colon > 0 ? unit[..colon] : "";
        id = colon > 0 ? unit[(colon + 1)..] : "";
        return kind is TitleKind or SeasonKind && id.Length > 0;
    }
}
