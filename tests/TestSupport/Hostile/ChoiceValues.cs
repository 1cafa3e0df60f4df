using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using static Streaming.TestSupport.Hostile.JsonText;

namespace Streaming.TestSupport.Hostile;

/// <summary>Values of fields that take one of a fixed list, compared exactly: type, offer, marketplace.</summary>
public static class ChoiceValues
{
    public static readonly string[] PlaybackTypes = ["play", "heartbeat", "pause", "resume", "stop"];
    public static readonly string[] SubscriptionTypes = ["trial_started", "paid_started", "cancelled"];
    public static readonly string[] Offers = ["prime", "tvod", "avod", "channel"];
    public static readonly string[] Territories = ["US", "DE", "GB", "JP", "BR", "IN", "FR", "AQ"];

    private static readonly string Long = String(new string('U', 5000));

    private static readonly ConcurrentDictionary<IReadOnlyList<string>, Gen<FieldValue>> HostileGens = new();

    /// <summary>One of <paramref name="allowed"/>, sometimes with a character written as a \u escape (the same text to a reader).</summary>
    public static Gen<FieldValue> Valid(IReadOnlyList<string> allowed) =>
        from value in Gen.Elements<string>(allowed)
        from escaped in Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, value.Length - 1)))
        select new FieldValue(Name(value, escaped), Verdict.Valid, value);

    /// <summary>Near misses and wrong types; absent counts as wrong here, every field of this kind being required.</summary>
    public static Gen<FieldValue> Hostile(IReadOnlyList<string> allowed) => HostileGens.GetOrAdd(allowed, BuildHostile);

    private static Gen<FieldValue> BuildHostile(IReadOnlyList<string> allowed)
    {
        var first = allowed[0];
        return Gen.Elements(
            FieldValue.Missing, FieldValue.Null, FieldValue.Wrong("\"\""), FieldValue.Wrong(String(OtherCase(first))),
            FieldValue.Wrong(String(" " + first)), FieldValue.Wrong(String(first + " ")), FieldValue.Wrong(String(first + "\u0000")),
            FieldValue.Wrong(String("seek")), FieldValue.Wrong(String("svod")), FieldValue.Wrong(String("xx")), FieldValue.Wrong("1"),
            FieldValue.Wrong("true"), FieldValue.Wrong("[]"), FieldValue.Wrong("{}"), FieldValue.Wrong($"[{String(first)}]"),
            FieldValue.Wrong(String(first[..1] + "\ud800")), FieldValue.Wrong($"\"{first[..1]}{InvalidByte}\""),
            FieldValue.Wrong(String("ＵＳ")), FieldValue.Wrong(String("UK")), FieldValue.Wrong(Long));
    }

    private static string OtherCase(string text) => text.ToUpperInvariant() == text ? text.ToLowerInvariant() : text.ToUpperInvariant();
}
