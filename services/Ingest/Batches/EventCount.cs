using System.Text.Json;

namespace Streaming.Ingest.Batches;

/// <summary>
/// Counts the events of a large batch with one forward read, before any document is built: the document of the
/// 260,000 empty objects a 1 MiB body can hold takes 6 MB of metadata, all for an answer of 413.
/// </summary>
public static class EventCount
{
    /// <returns>
    /// The elements of a root array, when the body is long enough to hold more than <paramref name="max"/>; null for
    /// a shorter body, another root, or malformed JSON (which the parse that follows reports).
    /// </returns>
    public static int? OfLargeArray(ReadOnlySpan<byte> json, int max)
    {
        if (json.Length < 2L * max + 3)
        {
            return null; // n elements take at least 2n + 1 bytes: "[0,0]"
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }
            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip(); // an element's own members and items
            }
            return reader.Read() ? null : count; // anything after the array is malformed (Read throws for it)
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
