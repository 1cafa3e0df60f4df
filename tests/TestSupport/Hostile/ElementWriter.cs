using FsCheck;
using FsCheck.Fluent;
using static Streaming.TestSupport.Hostile.JsonText;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// Writes generated fields as one event object the way odd clients do, none of which changes what ingest must make
/// of it: fields in any order, unknown properties (deeply nested, oddly named, undecodable), a field named with a \u
/// escape, a field given twice (the last one counts), whitespace anywhere.
/// </summary>
public static class ElementWriter
{
    private static readonly string[] ExtraNames =
    [
        "extra", "eventid", "EventId", "TitleId", "__proto__", "constructor", "$type", "titleId ", "", "a.b", "\U0001F3AC",
        "offer\u0000", "\u0000", new string('n', 3000),
    ];

    private static readonly string[] ExtraValues =
    [
        "1", "\"v\"", "null", "[1,2,3]", "{\"nested\":{\"deeper\":[true,false,null]}}", "1e400", "\"NaN\"", "-0",
        String("\ud800"), $"\"x{InvalidByte}\"", String(new string('z', 20_000)),
    ];

    private static readonly string[] NotObjects =
    [
        "7", "\"x\"", "null", "true", "false", "[]", "[{}]", "1e400", "-0", $"\"Zo{InvalidByte}\"", String("\ud800"), "[[[[[[[[[[]]]]]]]]]]",
    ];

    /// <summary>Fields in the order the rules check them, and each one's error (null: none).</summary>
    public static Gen<GeneratedElement> Object((string Name, FieldValue Value)[] fields, string?[] errors)
    {
        var present = fields.Where(f => f.Value.Json is not null).ToArray();
        var errorList = errors.OfType<string>().ToArray();
        var accepted = errorList.Length == 0 ? fields.ToDictionary(f => f.Name, f => f.Value.Read) : null;
        var last = Math.Max(0, present.Length - 1);
        return
            from extras in Gen.Frequency((3, Gen.Constant(Array.Empty<string>())), (1, Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Extra(), n))))
            from escaped in Gen.Frequency((6, Gen.Constant((Field: -1, At: -1))), (1, Gen.Choose(0, last).SelectMany(f => Gen.Choose(0, 8).Select(a => (Field: f, At: a)))))
            from decoy in Gen.Frequency((9, Gen.Constant<FieldValue?>(null)), (1, IdValues.Hostile(8).Where(v => v.Json is not null).Select(v => (FieldValue?)v)))
            from decoyOf in Gen.Choose(0, last)
            from decoySpot in Gen.Choose(0, 1000)
            from space in Gen.Elements("", " ", "\n", "\t", "\r\n  ")
            let members = present
                .Select((f, i) => (Key: f.Name, Text: $"{Name(f.Name, i == escaped.Field ? escaped.At : -1)}{space}:{space}{f.Value.Json}"))
                .Concat(extras.Select(e => (Key: "", Text: e)))
                .ToArray()
            from shuffled in Gen.Shuffle(members)
            select new GeneratedElement(Join(shuffled, decoy is null || present.Length == 0 ? null : (present[decoyOf].Name, decoy.Json!, decoySpot), space), errorList, accepted);
    }

    /// <summary>An element that is not an object at all.</summary>
    public static Gen<GeneratedElement> NotAnObject() =>
        Gen.Elements(NotObjects).Select(json => new GeneratedElement(json, [GeneratedElement.NotAnObject], null));

    private static Gen<string> Extra() =>
        from name in Gen.OneOf(
            Gen.Elements(ExtraNames).SelectMany(n => Gen.Elements(false, true).Select(e => String(n, e))),
            Gen.Constant($"\"n{InvalidByte}\""))
        from value in Gen.OneOf(Gen.Elements(ExtraValues), Gen.Choose(1, 20).Select(k => new string('[', k) + new string(']', k)))
        select $"{name}:{value}";

    /// <summary>The members as one object; a decoy of a field goes somewhere before the field itself, so the field's value is the last.</summary>
    private static string Join((string Key, string Text)[] members, (string Field, string Json, int Spot)? decoy, string space)
    {
        var texts = members.Select(m => m.Text).ToList();
        if (decoy is { } d)
        {
            var real = Array.FindIndex(members, m => m.Key == d.Field);
            texts.Insert(d.Spot % (real + 1), $"{String(d.Field)}:{d.Json}");
        }
        return "{" + space + string.Join("," + space, texts) + space + "}";
    }
}
