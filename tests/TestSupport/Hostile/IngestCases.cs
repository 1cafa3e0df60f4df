using FsCheck;
using FsCheck.Fluent;
using static Streaming.TestSupport.Hostile.JsonText;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// Generated requests to both ingest routes: batches of valid and broken events (most of them), and bodies that are
/// not a batch at all: malformed or deeply nested JSON, undecodable bytes, scalars, too many events, too many bytes.
/// </summary>
public static class IngestCases
{
    public const string Playback = "/v1/events/playback";
    public const string Subscription = "/v1/events/subscription";

    private static readonly string?[] ContentTypes =
    [
        "application/json", "text/plain", "application/json; charset=utf-8", "application/x-www-form-urlencoded",
        "application/xml", null, "application/json; charset=utf-16", "multipart/form-data; boundary=x",
    ];

    private static readonly string[] Queries =
        ["", "", "", "?debug=true", "?maxEvents=999999&__proto__=x&rejected=all", "?" + new string('q', 2000) + "=1", "?%FF=%00&a=%E0%80"];

    private static readonly string[] Spaces = ["", " ", "\n", "\t", "\r\n  "];

    private static readonly string[] Garbage = ["x", "]", ",", "}", "[]", "{}", "\"", "0", "/", "\u0000", "\uFEFF", InvalidByte.ToString()];

    private static readonly string[] NotJson =
    [
        """[{"positionSeconds":NaN}]""", "[Infinity]", "[-Infinity]", "[nan]", "[+1]", "[01]", "[.5]", "[1.]", "[0x10]", "['a']",
        "[{a:1}]", "[/*c*/]", "[1,]", """{"a":1,}""", "[tru]", "[nul]", """["\x"]""", """["\u12"]""", "[\"a\tb\"]",
        $"[{InvalidByte}]", "", "   ", "\uFEFF", "[}", "{]", "[[]", """{"a"}""", """{"a":}""", "{:1}", "[1 2]", """{"a":1 "b":2}""",
        "\"unterminated", $"{InvalidByte}{InvalidByte}[\u0000]\u0000", "\u0000",
    ];

    private static readonly string[] Scalars = ["42", "\"events\"", "true", "false", "null", "-0", "1e400", "\"\""];

    private static readonly string[] SurrogateNames = ["\"a\\udfffb\"", "\"eventI\\ud800\"", "\"\\udc00\\ud800x\"", "\"\\ud800\""];

    public static Gen<IngestCase> Any(IngestLimits limits) =>
        from route in Gen.Frequency((3, Gen.Constant(Playback)), (1, Gen.Constant(Subscription)))
        from contentType in Gen.Elements(ContentTypes)
        from query in Gen.Elements(Queries)
        from c in Gen.Frequency(
            (55, Batch(route, limits)), (8, SingleObject(route)), (3, HugeElement(route, limits)), (14, Malformed(route)), (4, Scalar()),
            (2, SurrogateName(route)), (3, TooMany(limits)), (2, TooLarge(limits)), (1, AtTheLimit(route, limits)), (3, Nested(route)))
        select c with { Route = route, ContentType = contentType, Query = query };

    /// <summary>The events of one route: mostly objects of its kind, a few elements that are not objects.</summary>
    public static Gen<GeneratedElement> Element(string route) => Gen.Frequency((9, Event(route)), (1, ElementWriter.NotAnObject()));

    private static Gen<GeneratedElement> Event(string route) => route == Playback ? EventCases.Playback() : EventCases.Subscription();

    private static Gen<IngestCase> Batch(string route, IngestLimits limits) =>
        from count in Gen.Frequency((3, Gen.Choose(0, 3)), (6, Gen.Choose(4, 25)), (1, Gen.Choose(100, 250)))
        from elements in Gen.ArrayOf(Element(route), count)
        where elements.Sum(e => Encoding.UTF8.GetByteCount(e.Json) + Placeholder.Length + 8) <= limits.MaxBytes // its many huge values are for HugeElement
        from space in Gen.Elements(Spaces)
        from bom in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Accepted($"batch of {count}", elements, space: space, bom: bom);

    private static Gen<IngestCase> SingleObject(string route) => Event(route).Select(e => Accepted("one object", [e], single: true));

    /// <summary>One event with a huge unknown property: as big as the body may be.</summary>
    private static Gen<IngestCase> HugeElement(string route, IngestLimits limits) =>
        from e in Event(route)
        from n in Gen.Choose(100_000, limits.MaxBytes)
        let room = limits.MaxBytes - Encode(e.Json).Length - 64
        where room > 0
        select Accepted($"one event with a {Math.Min(n, room)}-character property", [e with { Json = WithMember(e.Json, "\"note\":" + String(new string('z', Math.Min(n, room)))) }]);

    private static Gen<IngestCase> Malformed(string route) =>
        from elements in Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(Element(route), n))
        from way in Gen.Choose(0, 2)
        from cut in Gen.Choose(1, 100_000)
        from garbage in Gen.Elements(Garbage)
        from literal in Gen.Elements(NotJson)
        let text = "[" + string.Join(",", elements.Select(e => e.Json)) + "]"
        select way switch
        {
            0 => Problem($"cut after {cut % (text.Length - 1) + 1} characters", 400, IngestRequest.Body400, text[..(cut % (text.Length - 1) + 1)]),
            1 => Problem("trailing garbage", 400, IngestRequest.Body400, text + garbage),
            _ => Problem("not JSON", 400, IngestRequest.Body400, literal),
        };

    private static Gen<IngestCase> Scalar() => Gen.Elements(Scalars).Select(s => Problem("a scalar", 400, IngestRequest.Body400, s));

    private static Gen<IngestCase> SurrogateName(string route) =>
        from e in Event(route)
        from name in Gen.Elements(SurrogateNames)
        select Problem("a name with an unpaired surrogate", 400, IngestRequest.Body400, "[" + WithMember(e.Json, name + ":1") + "]");

    private static Gen<IngestCase> TooMany(IngestLimits limits) =>
        from extra in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 40_000)))
        from element in Gen.Elements("0", "{}", "null", "[]")
        select Problem($"{limits.MaxEvents + extra} events", 413, "maxEvents",
            "[" + string.Join(",", Enumerable.Repeat(element, limits.MaxEvents + extra)) + "]");

    private static Gen<IngestCase> TooLarge(IngestLimits limits) =>
        from over in Gen.Choose(1, 5000)
        from way in Gen.Choose(0, 2)
        let bytes = limits.MaxBytes + over
        select Problem($"{bytes} bytes", 413, "maxBytes", way switch
        {
            0 => "[" + String(new string('x', bytes)) + "]",
            1 => new string(' ', bytes) + "[]",
            _ => "[" + string.Join(",", Enumerable.Repeat("{}", bytes / 3 + 1)) + "]",
        });

    private static Gen<IngestCase> AtTheLimit(string route, IngestLimits limits) =>
        Gen.Fresh(() => Accepted($"{limits.MaxEvents} empty objects", Enumerable.Repeat(EventCases.Empty(route), limits.MaxEvents).ToList()));

    /// <summary>Arrays or objects nested up to JSON's depth limit (64) and past it.</summary>
    private static Gen<IngestCase> Nested(string route) =>
        from depth in Gen.Frequency((2, Gen.Choose(2, 64)), (3, Gen.Choose(65, 20_000)))
        from way in Gen.Choose(0, 3)
        select way switch
        {
            0 when depth <= 64 => Accepted($"arrays {depth} deep", [new(Brackets(depth - 1), [GeneratedElement.NotAnObject], null)]),
            1 when depth <= 62 => Accepted($"a property {depth} deep", [EventCases.Empty(route) with { Json = "{\"deep\":" + Brackets(depth) + "}" }]),
            3 when depth <= 64 => Accepted($"objects {depth} deep", [EventCases.Empty(route) with { Json = Objects(depth) }], single: true),
            0 => Problem($"arrays {depth} deep", 400, IngestRequest.Body400, Brackets(depth)),
            1 => Problem($"a property {depth} deep", 400, IngestRequest.Body400, "[{\"deep\":" + Brackets(depth) + "}]"),
            2 => Problem($"{depth} brackets never closed", 400, IngestRequest.Body400, new string('[', depth)),
            _ => Problem($"objects {depth} deep", 400, IngestRequest.Body400, Objects(depth)),
        };

    private static string Brackets(int depth) => new string('[', depth) + new string(']', depth);

    private static string Objects(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>The object with one more member at its start.</summary>
    private static string WithMember(string json, string member) =>
        "{" + member + (json[1..].TrimStart().StartsWith('}') ? "" : ",") + json[1..];

    private static IngestCase Accepted(string note, IReadOnlyList<GeneratedElement> elements, bool single = false, string space = "", bool bom = false) =>
        new("", note, 202, null, null, elements, single, space, bom, null, "");

    private static IngestCase Problem(string note, int status, string names, string text) =>
        new("", note, status, names, text, [], false, "", false, null, "");
}
