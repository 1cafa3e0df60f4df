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
    /// <summary>Serialises <paramref name="events"/> into <paramref name="buffer"/> (which the caller may pool).</summary>
    public static void WriteArray(IBufferWriter<byte> buffer, IEnumerable<PlaybackEvent> events) =>
        JsonArrayBody.Write(buffer, events, Write);

    public static void Write(Utf8JsonWriter writer, PlaybackEvent e)
    {
        EventProperties.WriteStart(writer, e.EventId, e.Type, e.OccurredAt, e.CustomerId);
        writer.WriteString(EventProperties.DeviceId, e.DeviceId);
        writer.WriteString(EventProperties.TitleId, e.TitleId);
        if (e.SeasonId is not null)
        {
            writer.WriteString(EventProperties.SeasonId, e.SeasonId);
        }
        writer.WriteString(EventProperties.Marketplace, e.Marketplace);
        writer.WriteString(EventProperties.Offer, e.Offer);
        if (e.ChannelId is not null)
        {
            writer.WriteString(EventProperties.ChannelId, e.ChannelId);
        }
        if (e.PositionSeconds is { } position)
        {
            writer.WriteNumber(EventProperties.PositionSeconds, position);
        }
        writer.WriteEndObject();
    }
}
