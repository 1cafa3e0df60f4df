using System.Buffers;
using System.Text.Json;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Benchmark.Subscriptions;

/// <summary>Writes a subscription event exactly as ingest's HTTP API takes it, occurredAt with its local offset.</summary>
public static class SubscriptionEventJson
{
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText OccurredAt = JsonEncodedText.Encode("occurredAt");
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    private static readonly JsonEncodedText ChannelId = JsonEncodedText.Encode("channelId");
    private static readonly JsonEncodedText Marketplace = JsonEncodedText.Encode("marketplace");

    /// <summary>A JSON array of the events, as one request body.</summary>
    public static void WriteArray(IBufferWriter<byte> buffer, IEnumerable<SubscriptionEvent> events)
    {
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        foreach (var e in events)
        {
            Write(writer, e);
        }
        writer.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter writer, SubscriptionEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString(EventId, e.EventId);
        writer.WriteString(Type, e.Type);
        writer.WriteString(OccurredAt, e.OccurredAt); // e.g. 2026-03-01T23:30:00-08:00: the offset is kept
        writer.WriteString(CustomerId, e.CustomerId);
        writer.WriteString(ChannelId, e.ChannelId);
        writer.WriteString(Marketplace, e.Marketplace);
        writer.WriteEndObject();
    }
}
