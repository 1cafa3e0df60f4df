using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using static Streaming.TestSupport.Hostile.JsonText;

namespace Streaming.TestSupport.Hostile;

/// <summary>Values of occurredAt: an ISO-8601 date-time that writes its offset, at most 5 minutes in the future.</summary>
public static class TimeValues
{
    private static readonly (string Text, int Minutes)[] Offsets =
        [("Z", 0), ("+00:00", 0), ("-00:00", 0), ("+05:30", 330), ("-12:00", -720), ("+14:00", 840), ("+13:45", 825), ("-03:30", -210)];

    /// <summary>Dates no client should send, which ingest still reads as instants (nothing before 1970 is refused).</summary>
    private static readonly (string Text, DateTimeOffset Read)[] Absurd =
    [
        ("1970-01-01T00:00:00Z", new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ("0001-01-01T00:00:00Z", DateTimeOffset.MinValue),
        ("0001-01-01T15:00:00+14:00", new(1, 1, 1, 15, 0, 0, TimeSpan.FromHours(14))),
        ("1969-12-31T23:59:59.9999999Z", new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1)),
        ("2025-03-01T11:59:00.1234567890123Z", new DateTimeOffset(2025, 3, 1, 11, 59, 0, TimeSpan.Zero).AddTicks(1_234_567)),
    ];

    private static readonly string[] Malformed =
    [
        "2025-03-01T11:59:00", "2025-03-01 11:59:00Z", "2025-03-01", "2025-02-30T00:00:00Z", "2025-03-01T24:00:00Z",
        "2025-03-01T11:59:60Z", "2025-03-01T11:59:00+25:00", "2025-03-01T11:59:00+14:01", "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2025-03-01t11:59:00z", "NaN", "Infinity",
        "-Infinity", "", " 2025-03-01T11:59:00Z", "2025-03-01T11:59:00Z ", "+2025-03-01T11:59:00Z", "20250301T115900Z",
        "1741000000", "２０２５-03-01T11:59:00Z", "2025-03-01T11:59:00.Z", "2025-03-01T11:59:00+0100",
    ];

    private static readonly string[] Future = ["2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:00:00+14:00"];

    /// <summary>An instant of 2025 (in the past) in one of several offsets, with or without seconds and fractions.</summary>
    public static readonly Gen<FieldValue> Valid =
        from day in Gen.Choose(0, 364)
        from second in Gen.Choose(0, 86_399)
        from digits in Gen.Choose(-1, 7)
        from fraction in Gen.Choose(0, 9_999_999)
        from offset in Gen.Elements(Offsets)
        let utc = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day).AddSeconds(digits < 0 ? second / 60 * 60 : second)
        select Write(utc, digits, fraction, offset);

    public static readonly Gen<FieldValue> ValidOrAbsurd = Gen.Frequency(
        (9, Valid),
        (1, Gen.Elements(Absurd).Select(a => new FieldValue(String(a.Text), Verdict.Valid, a.Read))));

    public static readonly Gen<FieldValue> Hostile = Gen.Frequency(
        (6, Gen.Elements(Malformed).Select(m => FieldValue.Wrong(String(m)))),
        (2, Gen.Elements(FieldValue.Missing, FieldValue.Null, FieldValue.Wrong("1741000000"), FieldValue.Wrong("true"),
            FieldValue.Wrong("[]"), FieldValue.Wrong("{}"), FieldValue.Wrong(String("2025\ud800")), FieldValue.Wrong($"\"2025{InvalidByte}\""))),
        (2, Gen.Elements(Future).Select(f => new FieldValue(String(f), Verdict.Future))));

    /// <summary>The instant written in its offset: minutes only (digits −1), whole seconds (0) or 1-7 fraction digits.</summary>
    private static FieldValue Write(DateTimeOffset utc, int digits, int fraction, (string Text, int Minutes) offset)
    {
        var ticks = digits <= 0 ? 0 : fraction / (int)Math.Pow(10, 7 - digits) * (int)Math.Pow(10, 7 - digits);
        var instant = utc.AddTicks(ticks).ToOffset(TimeSpan.FromMinutes(offset.Minutes));
        var format = digits switch
        {
            < 0 => "yyyy-MM-dd'T'HH:mm",
            0 => "yyyy-MM-dd'T'HH:mm:ss",
            _ => "yyyy-MM-dd'T'HH:mm:ss." + new string('f', digits),
        };
        var text = instant.ToString(format, CultureInfo.InvariantCulture) + offset.Text;
        return new FieldValue(String(text), Verdict.Valid, instant);
    }
}
