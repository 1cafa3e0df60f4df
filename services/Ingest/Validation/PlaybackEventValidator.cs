using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Validation;

/// <summary>The rules of one player event; pure apart from reading the injected clock.</summary>
public sealed class PlaybackEventValidator(TimeProvider time, TimeSpan maxFutureSkew) : EventValidator<PlaybackEvent>
{
    public override string Kind => "playback";

    private const int IdLength = 128;

    protected override PlaybackEvent? Read(EventFields fields)
    {
        var eventId = fields.RequiredId("eventId", 64);
        var type = fields.RequiredOneOf("type", PlaybackTypes.All);
        var occurredAt = fields.RequiredTimestamp("occurredAt", time.GetUtcNow(), maxFutureSkew);
        var customerId = fields.RequiredId("customerId", IdLength);
        var deviceId = fields.RequiredId("deviceId", IdLength);
        var titleId = fields.RequiredId("titleId", IdLength);
        var seasonId = fields.OptionalId("seasonId", IdLength);
        var marketplace = fields.RequiredTerritory("marketplace");
        var offer = fields.RequiredOneOf("offer", PlaybackOffers.All);
        var channelId = offer switch
        {
            PlaybackOffers.Channel => fields.RequiredId("channelId", IdLength, $"when offer is {PlaybackOffers.Channel}"),
            null => fields.OptionalId("channelId", IdLength), // offer unknown: still check what was sent
            _ => Absent(fields, "channelId", $"unless offer is {PlaybackOffers.Channel}"),
        };
        var positionSeconds = fields.OptionalNonNegativeNumber("positionSeconds");

        if (fields.HasErrors)
        {
            return null;
        }
        return new PlaybackEvent
        {
            EventId = eventId!,
            Type = type!,
            OccurredAt = occurredAt!.Value,
            CustomerId = customerId!,
            DeviceId = deviceId!,
            TitleId = titleId!,
            SeasonId = seasonId,
            Marketplace = marketplace!,
            Offer = offer!,
            ChannelId = channelId,
            PositionSeconds = positionSeconds,
        };
    }

    private static string? Absent(EventFields fields, string field, string condition)
    {
        fields.MustBeAbsent(field, condition);
        return null;
    }
}
