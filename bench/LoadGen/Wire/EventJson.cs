using System.Buffers;
using System.Text.Json;
using Streaming.Contracts.Playback;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>
/// Writes a JSON array of player events exactly as ingest's HTTP API takes them (camelCase, optional fields omitted).
/// Hand-written with <see cref="Utf8JsonWriter"/>: no reflection, no intermediate strings.
/// </summary>
public static class EventJson
{
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText OccurredAt = JsonEncodedText.Encode("occurredAt");
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    private static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("deviceId");
    private static readonly JsonEncodedText TitleId = JsonEncodedText.Encode("titleId");
    private static readonly JsonEncodedText SeasonId = JsonEncodedText.Encode("seasonId");
    private static readonly JsonEncodedText Marketplace = JsonEncodedText.Encode("marketplace");
    private static readonly JsonEncodedText Offer = JsonEncodedText.Encode("offer");
    private static readonly JsonEncodedText ChannelId = JsonEncodedText.Encode("channelId");
    private static readonly JsonEncodedText PositionSeconds = JsonEncodedText.Encode("positionSeconds");

    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    /// <summary>Serialises <paramref name="events"/> into <paramref name="buffer"/> (which the caller may pool).</summary>
    public static void WriteArray(IBufferWriter<byte> buffer, IEnumerable<PlaybackEvent> events)
    {
        using var writer = new Utf8JsonWriter(buffer, Options);
        writer.WriteStartArray();
        foreach (var e in events)
        {
            Write(writer, e);
        }
        writer.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter writer, PlaybackEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString(EventId, e.EventId);
        writer.WriteString(Type, e.Type);
        writer.WriteString(OccurredAt, e.OccurredAt); // ISO 8601 with offset, e.g. 2025-01-01T10:00:00+00:00
        writer.WriteString(CustomerId, e.CustomerId);
        writer.WriteString(DeviceId, e.DeviceId);
        writer.WriteString(TitleId, e.TitleId);
        if (e.SeasonId is not null)
        {
            writer.WriteString(SeasonId, e.SeasonId);
        }
        writer.WriteString(Marketplace, e.Marketplace);
        writer.WriteString(Offer, e.Offer);
        if (e.ChannelId is not null)
        {
            writer.WriteString(ChannelId, e.ChannelId);
        }
        if (e.PositionSeconds is { } position)
        {
            writer.WriteNumber(PositionSeconds, position);
        }
        writer.WriteEndObject();
    }
}
