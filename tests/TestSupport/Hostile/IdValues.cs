using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using static Streaming.TestSupport.Hostile.JsonText;

namespace Streaming.TestSupport.Hostile;

/// <summary>Identifier values (eventId, customerId, titleId, …): 1 to max code points, no C0 control character or DEL.</summary>
public static class IdValues
{
    // Valid: bidirectional overrides and isolates, joiners, a byte order mark, combining marks, C1 controls, line
    // separators, astral characters, quotes, markup and formula-like text are all plain characters to an id.
    private static readonly string[] Pieces =
    [
        "a", "Z9", "movie-1", "Zoë", "\u00a0", "中文", "\U0001F3AC", "\u202Eevil\u202C", "\u200F", "\u2066x\u2069",
        "\u200D", "\uFEFF", "e\u0301", "\u0085", "\u0080", "'", "\"", "\\", "<b>", "=1+1", "%00", "../", " ", "\u2028",
    ];

    private static readonly string[] Controls = ["a\u0000b", "\n", "x\u001f", "\u007f", "tab\there", "\r\n", "\u001b[31m"];

    // Generators are built once per length: building one allocates its long values.
    private static readonly ConcurrentDictionary<(int, bool), Gen<FieldValue>> ValidGens = new();
    private static readonly ConcurrentDictionary<int, Gen<FieldValue>> HostileGens = new();

    /// <summary>A valid id; with <paramref name="unique"/> it holds the <see cref="Placeholder"/> once.</summary>
    public static Gen<FieldValue> Valid(int max, bool unique = false) => ValidGens.GetOrAdd((max, unique), k => BuildValid(k.Item1, k.Item2));

    /// <summary>An id the rule refuses (or, for an optional id, <see cref="Verdict.Absent"/> may be fine).</summary>
    public static Gen<FieldValue> Hostile(int max) => HostileGens.GetOrAdd(max, BuildHostile);

    private static Gen<FieldValue> BuildValid(int max, bool unique) =>
        from count in Gen.Choose(0, 3)
        from pieces in Gen.ArrayOf(Gen.Elements(Pieces), count)
        from at in Gen.Choose(0, count)
        from exact in Gen.Frequency((8, Gen.Constant(false)), (1, Gen.Constant(true)))
        from pad in Gen.Elements("x", "\U0001F3AC", "é")
        from escape in Gen.Elements(false, true)
        let text = Build(pieces, at, unique, exact ? max : 0, pad)
        select new FieldValue(String(text, escape), Verdict.Valid, text);

    private static Gen<FieldValue> BuildHostile(int max) => Gen.Frequency(
        (6, Gen.Elements(
            FieldValue.Missing, FieldValue.Null, FieldValue.Wrong("\"\""), FieldValue.Wrong("0"), FieldValue.Wrong("12"),
            FieldValue.Wrong("-1.5e300"), FieldValue.Wrong("1e400"), FieldValue.Wrong("true"), FieldValue.Wrong("[]"),
            FieldValue.Wrong("{}"), FieldValue.Wrong("[\"x\"]"), FieldValue.Wrong("{\"a\":\"b\"}"),
            FieldValue.Wrong(String("\ud800")), FieldValue.Wrong(String("x\udc00")), FieldValue.Wrong(String("\udc00\ud800")),
            FieldValue.Wrong($"\"x{InvalidByte}y\""), FieldValue.Wrong($"\"{OverlongNul}\""),
            FieldValue.Wrong($"\"a{EncodedSurrogate}\""), FieldValue.Wrong($"\"a{CutSequence}\""))),
        (3, Gen.Elements(Controls).SelectMany(c => Gen.Elements(false, true).Select(e => new FieldValue(String(c, e), Verdict.Control)))),
        (2, Gen.Choose(max + 1, max + 3).Select(n => FieldValue.Wrong(String(new string('x', n))))),
        (1, Gen.Constant(FieldValue.Wrong(String(string.Concat(Enumerable.Repeat("\U0001F3AC", max + 1)))))),
        (1, Gen.Choose(10_000, 100_000).Select(n => FieldValue.Wrong(String(new string('y', n))))));

    private static string Build(string[] pieces, int at, bool unique, int exactly, string pad)
    {
        var text = new StringBuilder();
        for (var i = 0; i <= pieces.Length; i++)
        {
            if (unique && i == at) text.Append(Placeholder.Char);
            if (i < pieces.Length) text.Append(pieces[i]);
        }
        if (text.Length == 0) text.Append('a');
        while (CodePoints(text.ToString()) < exactly) text.Append(pad);
        return text.ToString();
    }

    /// <summary>Code points as ingest counts them, the placeholder standing for its unique part.</summary>
    public static int CodePoints(string text) =>
        text.EnumerateRunes().Count() + text.Count(c => c == Placeholder.Char) * (Placeholder.Length - 1);
}
