using System.Text.Json;

namespace Streaming.Ingest.Batches;

/// <summary>
/// Finds escaped property names that are not valid Unicode once unescaped, above all those that escape half of a
/// surrogate pair, such as <c>"titleI\ud800"</c>. JsonDocument parses them, but looking a field up beside one may
/// throw, so a body that holds one anywhere is refused as a whole (I-JSON, RFC 7493, forbids them too). Values with
/// such escapes stay a matter of their field's rule.
/// </summary>
public static class UnpairedSurrogates
{
    /// <param name="json">Well-formed JSON: the reader below must not meet a syntax error.</param>
    public static bool InAnyPropertyName(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u"u8) < 0)
        {
            return false; // nothing escaped: most bodies cost this one vectorised scan
        }
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueIsEscaped && !IsReadable(ref reader))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsReadable(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
