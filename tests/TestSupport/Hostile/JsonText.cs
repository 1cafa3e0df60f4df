using System.Globalization;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// JSON text as hostile clients write it: strings escaped in more than one way, and bytes no UTF-8 encoder would
/// write. Generated text is a .NET string in which a few private-use characters stand for raw bytes; <see cref="Encode"/>
/// turns it into the body's bytes.
/// </summary>
public static class JsonText
{
    /// <summary>Stands for the byte 0xFF, never valid in UTF-8.</summary>
    public const char InvalidByte = '\uF8F0';

    /// <summary>Stands for C0 80, an overlong encoding of U+0000.</summary>
    public const char OverlongNul = '\uF8F1';

    /// <summary>Stands for ED A0 80, U+D800 encoded as if it were a character.</summary>
    public const char EncodedSurrogate = '\uF8F2';

    /// <summary>Stands for E2 82, the first two bytes of a three-byte sequence cut short.</summary>
    public const char CutSequence = '\uF8F3';

    private static readonly Dictionary<char, byte[]> RawBytes = new()
    {
        [InvalidByte] = [0xFF],
        [OverlongNul] = [0xC0, 0x80],
        [EncodedSurrogate] = [0xED, 0xA0, 0x80],
        [CutSequence] = [0xE2, 0x82],
    };

    /// <summary>
    /// A JSON string literal of <paramref name="value"/>: quote, backslash and control characters escaped; other
    /// characters raw, or, when <paramref name="escapeNonAscii"/>, as \u escapes (as System.Text.Json writes by
    /// default). A surrogate without its pair can only be written escaped; the raw-byte stand-ins stay raw.
    /// </summary>
    public static string String(string value, bool escapeNonAscii = false)
    {
        if (!value.AsSpan().ContainsAnyExceptInRange(' ', '~') && !value.AsSpan().ContainsAny('"', '\\'))
        {
            return "\"" + value + "\""; // printable ASCII, the bulk of huge values: nothing to escape
        }
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ||
                         char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ' or '\u007f': Escape(text, c); break;
                case Placeholder.Char: text.Append(c); break;
                case >= InvalidByte and <= CutSequence: text.Append(c); break;
                case > '\u007e' when escapeNonAscii || char.IsSurrogate(c) && !paired: Escape(text, c); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>A property name with its <paramref name="escaped"/>-th character written as a \u escape (the same name to a reader).</summary>
    public static string Name(string name, int escaped = -1)
    {
        if (escaped < 0 || escaped >= name.Length)
        {
            return String(name);
        }
        var text = new StringBuilder("\"").Append(name.AsSpan(0, escaped));
        Escape(text, name[escaped]);
        return text.Append(name.AsSpan(escaped + 1)).Append('"').ToString();
    }

    /// <summary>UTF-8 bytes of generated text, each raw-byte stand-in replaced by its bytes.</summary>
    public static byte[] Encode(string text)
    {
        if (!HasRawBytes(text))
        {
            return Encoding.UTF8.GetBytes(text);
        }
        var bytes = new List<byte>(text.Length + 16);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !RawBytes.ContainsKey(text[i]))
            {
                continue;
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(text, start, i - start));
            if (i < text.Length)
            {
                bytes.AddRange(RawBytes[text[i]]);
            }
            start = i + 1;
        }
        return [.. bytes];
    }

    /// <summary>Whether the text holds a raw-byte stand-in.</summary>
    public static bool HasRawBytes(string text) => text.AsSpan().IndexOfAnyInRange(InvalidByte, CutSequence) >= 0;

    private static void Escape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
