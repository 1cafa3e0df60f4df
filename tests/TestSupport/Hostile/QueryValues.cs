using FsCheck;
using FsCheck.Fluent;

namespace Streaming.TestSupport.Hostile;

/// <summary>Values of the gateway's single-valued parameters that need no other parameter to be judged.</summary>
public static class QueryValues
{
    public static readonly string[] Zones =
        ["UTC", "utc", "Europe/Berlin", "America/New_York", "america/new_york", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati", "Etc/GMT+12"];

    private static readonly string[] BadZones =
        ["Mars/Olympus", "Eastern Standard Time", "+01:00", "GMT+1", "Europe/Berlin ", "\u0000", "../../etc/passwd", "Europe/Berlin\u202E", new string('Z', 5000)];

    private static readonly string[] RawBad = ["%FF", "%E0%80", "%C0%AF"];

    /// <summary>
    /// No value, an empty one (the default), a valid one or a refused one. Undecodable percent-escapes (%FF) are refused
    /// too, unless <paramref name="anyText"/>: an id takes any text without control characters, whatever it decodes to.
    /// </summary>
    public static Gen<QueryParam[]> Optional(string name, string[] valid, string[] refused, bool anyText = false) => Gen.Frequency(
        (3, Gen.Constant(Array.Empty<QueryParam>())),
        (1, Gen.Constant(new[] { new QueryParam(name, "") })),
        (5, Gen.Elements(valid).Select(v => new[] { QueryParam.Valid(name, v) })),
        (1, Gen.OneOf(Gen.Elements(refused).Select(v => QueryParam.Bad(name, v)), Gen.Elements(RawBad).Select(v => new QueryParam(name, v, !anyText)))
            .Select(p => new[] { p })));

    public static Gen<QueryParam[]> Zone() => Optional("tz", [.. Zones, " "], BadZones);

    public static Gen<QueryParam[]> Format() => Optional("format", ["json", "csv"], ["xml", "CSV", " ", "json\u0000"]);

    /// <summary>Parameters nobody reads, which change nothing.</summary>
    public static Gen<QueryParam[]> Unknown() => Gen.Frequency(
        (3, Gen.Constant(Array.Empty<QueryParam>())),
        (1, Gen.SubListOf(new[]
        {
            new QueryParam("foo", "bar"), new QueryParam("debug", "1"), new QueryParam("limit", "999999"), new QueryParam("__proto__", "x"),
            new QueryParam("callback", "alert(1)"), new QueryParam("fields", "*"), new QueryParam("page", "-1"), new QueryParam("%FF", "%FF"),
        }).Select(l => l.ToArray())));

    /// <summary>A single-valued parameter given twice: the values are joined with a comma, which no rule takes.</summary>
    public static Gen<QueryParam[]> Twice(string name, string[] valid) =>
        from first in Gen.Elements(valid)
        from second in Gen.Elements(valid)
        select new[] { QueryParam.Valid(name, first) with { Refused = true }, QueryParam.Valid(name, second) with { Refused = true } };
}
