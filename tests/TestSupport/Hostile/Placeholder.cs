using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// Where a generated eventId gets its unique part: the generator writes <see cref="Char"/>, and rendering request n
/// puts <c>#nnnnnnn.iiiii#</c> there (i: the element's index), so no two generated events share an id and every
/// published event says which request and element it came from.
/// </summary>
public static partial class Placeholder
{
    public const char Char = '\uE000';

    /// <summary>Code points the unique part takes: '#', seven digits, '.', five digits, '#'.</summary>
    public const int Length = 15;

    public static string Unique(int request, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"#{request:D7}.{index:D5}#");

    /// <summary>The request and element index an eventId was rendered for; null when it holds no unique part.</summary>
    public static (int Request, int Index)? Origin(string eventId) =>
        UniquePart().Match(eventId) is { Success: true } m
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"#([0-9]{7})\.([0-9]{5})#")]
    private static partial Regex UniquePart();
}
