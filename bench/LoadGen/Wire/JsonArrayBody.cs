using System.Buffers;
using System.Text.Json;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>A request body that is a JSON array of events, each written by a hand-written writer.</summary>
public static class JsonArrayBody
{
    /// <summary>The hand-written writers produce valid JSON, so the writer need not check it.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Serialises <paramref name="items"/> into <paramref name="buffer"/> (which the caller may pool).</summary>
    public static void Write<T>(IBufferWriter<byte> buffer, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            write(writer, item);
        }
        writer.WriteEndArray();
    }
}
