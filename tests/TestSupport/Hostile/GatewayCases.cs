using FsCheck;
using FsCheck.Fluent;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// Generated gateway requests on every query route: absurd and inverted ranges, invalid zones and granularities,
/// hundreds of titles or one title thousands of times, control characters, unknown and repeated parameters, mixed
/// with valid queries whose totals the world's counters decide.
/// </summary>
public static class GatewayCases
{
    public const string PerformanceRoute = "/v1/metrics/performance";

    private static readonly string[] Titles = ["a", "b", "nope", "Zoë \u202E", "中文", "%", "&", "=", "+", "a b"];
    private static readonly string[] BadTitles = ["", "\u0001", "\u0085", "\u009f", "tab\there", new string('t', 257)];
    private static readonly string[] ChannelIds = ["c1", "ch-1", "Zoë", "中文", "a b", "%", "\u202E", "+", new string('x', 128), string.Concat(Enumerable.Repeat("\U0001F3AC", 128))];
    private static readonly string[] BadChannelIds = ["\u0001", "\u007f", "\u0085", "\t", new string('x', 129)];
    private static readonly string[] Months = ["2026-03", "1970-01", "2999-12", " "];
    private static readonly string[] BadMonths = ["2026-13", "1969-12", "3000-01", "2026-1", "26-03", "2026/03", " 2026-03", "２０２６-03", "2026-03-01", "0001-01"];
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>Without <paramref name="groupByTitle"/>, no query splits by title (it reads every title seen, a count the world may not know).</summary>
    public static Gen<GatewayCase> Any(GatewayWorld world, bool groupByTitle = true) => Gen.Frequency(
        (50, Performance(world, groupByTitle)), (20, Channel(world)), (10, Engagement()), (5, Earnings()), (8, Live()),
        (4, Listing("/v1/titles")), (3, Listing("/v1/metrics/channels")));

    private static Gen<GatewayCase> Performance(GatewayWorld world, bool groupByTitle) =>
        from range in Ranges.Performance(world)
        from granularity in QueryValues.Optional("granularity", ["hour", "day", "month", "total", " "], ["week", "Day", "HOUR", "day ", "\u0000", "hour,day"])
        from tz in QueryValues.Zone()
        from titles in TitleIds()
        from offers in Multi("offer", ["prime", "tvod", "avod", "channel"], ["svod", "PRIME", "", " prime"])
        from marketplaces in Multi("marketplace", ["US", "DE", "XX", "JP"], ["de", "DEU", "", "D", "U\u0000"])
        from groupBy in QueryValues.Optional("groupBy", groupByTitle ? ["title", "offer", "marketplace"] : ["offer", "marketplace"], ["season", "Title", " ", "title,offer"])
        from format in QueryValues.Format()
        from twice in Gen.Frequency((19, Gen.Constant(Array.Empty<QueryParam>())),
            (1, Gen.OneOf(QueryValues.Twice("granularity", ["day", "hour"]), QueryValues.Twice("tz", ["UTC"]), QueryValues.Twice("from", ["2026-03-01"]))))
        from unknown in QueryValues.Unknown()
        from order in Gen.Shuffle([.. range.Params, .. granularity, .. tz, .. titles.Params, .. offers.Params, .. marketplaces.Params, .. groupBy, .. format, .. twice, .. unknown])
        let hourly = granularity is [{ Refused: false, Value: "hour" }]
        let csv = format is [{ Refused: false, Value: "csv" }]
        select Build($"performance, {range.Note}", PerformanceRoute, order, range.Error ?? (hourly && range.Days >= 420 ? "granularity" : null), [],
            csv ? "text/csv" : "application/json", new PerformanceFilter(range.HoldsData, titles.Ids, offers.Values, marketplaces.Values));

    private static Gen<GatewayCase> Channel(GatewayWorld world) =>
        from range in Ranges.Channel(world)
        from granularity in QueryValues.Optional("granularity", ["day", "month", "total", " "], ["hour", "week", "Day", "\u0000"])
        from format in QueryValues.Format()
        from unknown in QueryValues.Unknown()
        from id in Gen.Frequency((8, Gen.Elements(ChannelIds).Select(c => (Id: c, Bad: false))), (1, Gen.Elements(BadChannelIds).Select(c => (Id: c, Bad: true))))
        from order in Gen.Shuffle([.. range.Params, .. granularity, .. format, .. unknown])
        let csv = format is [{ Refused: false, Value: "csv" }]
        select Build($"channel, {range.Note}", "/v1/metrics/channels/" + Uri.EscapeDataString(id.Id), order, range.Error, id.Bad ? ["channelId"] : [],
            csv ? "text/csv" : "application/json", null);

    private static Gen<GatewayCase> Engagement() =>
        from month in QueryValues.Optional("month", Months, BadMonths)
        from territory in Gen.Frequency(
            (1, Gen.Constant((Params: Array.Empty<QueryParam>(), Missing: true))),
            (1, Gen.Constant((Params: new[] { new QueryParam("territory", "") }, Missing: true))),
            (6, Gen.Elements("US", "DE", "XX").Select(t => (Params: new[] { QueryParam.Valid("territory", t) }, Missing: false))),
            (2, Gen.Elements("us", "USA", "U\u0000", "U").Select(t => (Params: new[] { QueryParam.Bad("territory", t) }, Missing: false))),
            (1, Gen.Constant((Params: new[] { QueryParam.Bad("territory", " ") }, Missing: false))))
        from unknown in QueryValues.Unknown()
        from order in Gen.Shuffle([.. month, .. territory.Params, .. unknown])
        select Build("engagement", "/v1/metrics/engagement", order, null, territory.Missing ? ["territory"] : [], "application/json", null);

    private static Gen<GatewayCase> Earnings() =>
        from month in QueryValues.Optional("month", Months, BadMonths)
        from unknown in QueryValues.Unknown()
        select Build("earnings", "/v1/reports/earnings", [.. month, .. unknown], null, [], "text/csv", null);

    private static Gen<GatewayCase> Live() =>
        from titles in TitleIds()
        from channel in QueryValues.Optional("channelId", ChannelIds, BadChannelIds, anyText: true)
        from order in Gen.Shuffle([.. titles.Params, .. channel])
        select Build("live", "/v1/live", order, null, [], "text/event-stream", null);

    private static Gen<GatewayCase> Listing(string route) =>
        QueryValues.Unknown().Select(unknown => Build("listing", route, unknown, null, [], "application/json", null));

    /// <summary>None, a few valid (repeats and ids matching no title included), more than 100, one repeated thousands of times, or a refused one.</summary>
    private static Gen<(QueryParam[] Params, IReadOnlySet<string> Ids)> TitleIds() => Gen.Frequency(
        (10, Gen.Constant((Params: Array.Empty<QueryParam>(), Ids: None))),
        (8, from ids in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(Titles), n))
            select (ids.Select(i => QueryParam.Valid("titleId", i)).ToArray(), (IReadOnlySet<string>)ids.ToHashSet(StringComparer.Ordinal))),
        (1, from n in Gen.Choose(101, 150) select (Enumerable.Range(0, n).Select(i => QueryParam.Bad("titleId", $"t{i}")).ToArray(), None)),
        (1, from n in Gen.Choose(1000, 3000) select (Enumerable.Repeat(QueryParam.Valid("titleId", "a"), n).ToArray(), (IReadOnlySet<string>)new HashSet<string> { "a" })),
        (1, from ids in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Titles), n))
            from bad in Gen.Elements(BadTitles)
            select (ids.Select(i => QueryParam.Valid("titleId", i)).Append(QueryParam.Bad("titleId", bad)).ToArray(), None)));

    private static Gen<(QueryParam[] Params, IReadOnlySet<string> Values)> Multi(string name, string[] valid, string[] refused) => Gen.Frequency(
        (6, Gen.Constant((Params: Array.Empty<QueryParam>(), Values: None))),
        (3, Gen.SubListOf(valid).Select(v => (v.Select(x => QueryParam.Valid(name, x)).ToArray(), (IReadOnlySet<string>)v.ToHashSet(StringComparer.Ordinal)))),
        (1, from v in Gen.SubListOf(valid) from bad in Gen.Elements(refused)
            select (v.Select(x => QueryParam.Valid(name, x)).Append(QueryParam.Bad(name, bad)).ToArray(), None)));

    /// <summary>
    /// The case of these parameters: 400 naming every refused one (and <paramref name="alsoRefused"/>); else 400 naming
    /// <paramref name="crossError"/>, the check across parameters; else 200.
    /// </summary>
    private static GatewayCase Build(
        string note, string route, IReadOnlyList<QueryParam> parameters, string? crossError, string[] alsoRefused, string mediaType, PerformanceFilter? totals)
    {
        var refused = parameters.Where(p => p.Refused).Select(p => p.Name).Concat(alsoRefused).Distinct().Order(StringComparer.Ordinal).ToList();
        var names = refused.Count > 0 ? refused : crossError is null ? [] : [crossError];
        var path = route + (parameters.Count == 0 ? "" : "?" + string.Join("&", parameters));
        return names.Count > 0 ? new GatewayCase(note, path, 400, names, null, null) : new GatewayCase(note, path, 200, [], mediaType, totals);
    }
}
