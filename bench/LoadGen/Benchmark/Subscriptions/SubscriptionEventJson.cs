using System.Buffers;
using System.Text.Json;
using Streaming.Bench.LoadGen.Wire;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Benchmark.Subscriptions;

/// <summary>Writes a subscription event exactly as ingest's HTTP API takes it, occurredAt with its local offset.</summary>
public static class SubscriptionEventJson
{
    /// <summary>A JSON array of the events, as one request body.</summary>
    public static void WriteArray(IBufferWriter<byte> buffer, IEnumerable<SubscriptionEvent> events) =>
        JsonArrayBody.Write(buffer, events, Write);

    public static void Write(Utf8JsonWriter writer, SubscriptionEvent e)
    {
        EventProperties.WriteStart(writer, e.EventId, e.Type, e.OccurredAt, e.CustomerId); // occurredAt keeps its local offset
        writer.WriteString(EventProperties.ChannelId, e.ChannelId);
        writer.WriteString(EventProperties.Marketplace, e.Marketplace);
        writer.WriteEndObject();
    }
}
