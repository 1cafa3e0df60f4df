using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Writes the engagement answer as UTF-8 JSON, byte for byte what the source-generated serializer writes for it
/// (<see cref="EngagementJsonContext"/>: web names, the default encoder), in about half its time: an answer of 10,000
/// units is 1.5 MB and was written anew each time the counters changed. Property names are bytes written once; a
/// string of letters, digits and <c>-_.:</c> (every id the product makes) is copied as it is, any other goes through
/// the encoder the serializer uses; a decimal that fits 64 bits is written from its digits and scale.
/// </summary>
public static class EngagementJson
{
    /// <summary>
    /// The answer's JSON; the buffer it was written in when that is at least three quarters full (the estimate of
    /// 200 bytes a unit is near what ids of 20 characters take), else a copy of the right size: a ranking keeps its
    /// answer, and should not keep a buffer twice its size.
    /// </summary>
    public static ReadOnlyMemory<byte> Write(EngagementResponse answer)
    {
        var output = new ArrayBufferWriter<byte>(256 + 200 * answer.Units.Count);
        Raw(output, "{\"month\":"u8);
        String(output, answer.Month);
        Raw(output, ",\"territory\":"u8);
        String(output, answer.Territory);
        Raw(output, answer.Final ? ",\"final\":true"u8 : ",\"final\":false"u8);
        Raw(output, ",\"lateFactsIgnored\":"u8);
        Number(output, answer.LateFactsIgnored);
        Raw(output, ",\"units\":["u8);
        for (var i = 0; i < answer.Units.Count; i++)
        {
            var unit = answer.Units[i];
            Raw(output, i == 0 ? "{\"unitId\":"u8 : ",{\"unitId\":"u8);
            String(output, unit.UnitId);
            Raw(output, ",\"kind\":"u8);
            String(output, unit.Kind);
            Raw(output, ",\"cer\":"u8);
            if (unit.Cer is { } cer) Number(output, cer); else Raw(output, "null"u8);
            Raw(output, ",\"distinctCustomers\":"u8);
            Number(output, unit.DistinctCustomers);
            Raw(output, ",\"minutesStreamed\":"u8);
            Decimal(output, unit.MinutesStreamed);
            Raw(output, ",\"hoursStreamed\":"u8);
            Decimal(output, unit.HoursStreamed);
            Raw(output, ",\"estimatedRoyalty\":"u8);
            if (unit.EstimatedRoyalty is { } royalty) Decimal(output, royalty); else Raw(output, "null"u8);
            Raw(output, ",\"currency\":"u8);
            if (unit.Currency is { } currency) String(output, currency); else Raw(output, "null"u8);
            Raw(output, "}"u8);
        }
        Raw(output, "]}"u8);
        return output.WrittenCount * 4L >= output.Capacity * 3L ? output.WrittenMemory : output.WrittenSpan.ToArray();
    }

    private static void Raw(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private static void String(ArrayBufferWriter<byte> output, string value)
    {
        if (!IsPlain(value))
        {
            // The serializer's own encoding (JavaScriptEncoder.Default escapes HTML characters and all non-ASCII).
            Raw(output, "\""u8);
            Raw(output, JsonEncodedText.Encode(value).EncodedUtf8Bytes);
            Raw(output, "\""u8);
            return;
        }
        var span = output.GetSpan(value.Length + 2);
        span[0] = (byte)'"';
        for (var i = 0; i < value.Length; i++) span[i + 1] = (byte)value[i];
        span[value.Length + 1] = (byte)'"';
        output.Advance(value.Length + 2);
    }

    /// <summary>Letters, digits and <c>-_.:</c> only: characters no JSON encoder escapes.</summary>
    private static bool IsPlain(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':')) return false;
        }
        return true;
    }

    private static void Number(ArrayBufferWriter<byte> output, long value)
    {
        Utf8Formatter.TryFormat(value, output.GetSpan(20), out var written);
        output.Advance(written);
    }

    /// <summary>
    /// A decimal as the serializer writes it: every digit of its scale ("600.00", "0.70", "18"). One whose digits fit
    /// 64 bits and that is not negative (every amount here) is written from them; any other by the formatter itself.
    /// </summary>
    private static void Decimal(ArrayBufferWriter<byte> output, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0 || bits[3] < 0)
        {
            Utf8Formatter.TryFormat(value, output.GetSpan(32), out var formatted);
            output.Advance(formatted);
            return;
        }
        var digits = (uint)bits[0] | (ulong)(uint)bits[1] << 32;
        var scale = (bits[3] >> 16) & 0xFF;
        Span<byte> text = stackalloc byte[48];
        var at = text.Length;
        for (var place = 0; place < scale; place++)
        {
            text[--at] = (byte)('0' + (int)(digits % 10));
            digits /= 10;
        }
        if (scale > 0) text[--at] = (byte)'.';
        do
        {
            text[--at] = (byte)('0' + (int)(digits % 10));
            digits /= 10;
        }
        while (digits != 0);
        Raw(output, text[at..]);
    }
}
