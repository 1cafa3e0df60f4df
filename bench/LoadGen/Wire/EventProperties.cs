using System.Text.Json;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>The property names of events on ingest's HTTP API, encoded once, and how every event starts.</summary>
public static class EventProperties
{
    public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText OccurredAt = JsonEncodedText.Encode("occurredAt");
    public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    public static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("deviceId");
    public static readonly JsonEncodedText TitleId = JsonEncodedText.Encode("titleId");
    public static readonly JsonEncodedText SeasonId = JsonEncodedText.Encode("seasonId");
    public static readonly JsonEncodedText Marketplace = JsonEncodedText.Encode("marketplace");
    public static readonly JsonEncodedText Offer = JsonEncodedText.Encode("offer");
    public static readonly JsonEncodedText ChannelId = JsonEncodedText.Encode("channelId");
    public static readonly JsonEncodedText PositionSeconds = JsonEncodedText.Encode("positionSeconds");

    /// <summary>Opens the event's object and writes the four properties every event starts with.</summary>
    public static void WriteStart(Utf8JsonWriter writer, string eventId, string type, DateTimeOffset occurredAt, string customerId)
    {
        writer.WriteStartObject();
        writer.WriteString(EventId, eventId);
        writer.WriteString(Type, type);
        writer.WriteString(OccurredAt, occurredAt); // ISO 8601 with the event's own offset, e.g. 2026-03-01T23:30:00-08:00
        writer.WriteString(CustomerId, customerId);
    }
}
