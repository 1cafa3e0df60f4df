using System.Buffers;

namespace Streaming.Tenancy;

/// <summary>
/// The rule every id follows, in events and in the catalog alike: 1 to n Unicode code points (as JSON Schema's
/// maxLength counts) and no C0 control character or DEL (downstream storage joins ids with U+001F).
/// </summary>
public static class Identifier
{
    public const int MaxLength = 128;

    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007f']);

    public static bool HasLength(string value, int maxLength)
    {
        if (value.Length == 0 || value.Length > 2 * maxLength)
        {
            return false; // a code point takes one or two UTF-16 units
        }
        var codePoints = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            if (++codePoints > maxLength)
            {
                return false;
            }
        }
        return true;
    }

    public static bool HasControlCharacters(string value) => value.AsSpan().ContainsAny(ControlCharacters);

    public static bool IsValid(string? value, int maxLength = MaxLength) =>
        value is not null && HasLength(value, maxLength) && !HasControlCharacters(value);
}
