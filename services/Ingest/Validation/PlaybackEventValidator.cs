using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Validation;

/// <summary>The rules of one player event; pure apart from reading the injected clock.</summary>
public sealed class PlaybackEventValidator(TimeProvider time, TimeSpan maxFutureSkew) : EventValidator<PlaybackEvent>
{
    public override string Kind => "playback";

    public static readonly IReadOnlyList<string> Types = ["play", "heartbeat", "pause", "resume", "stop"];
    public static readonly IReadOnlyList<string> Offers = ["prime", "tvod", "avod", "channel"];

    private const int IdLength = 128;
    private const string ChannelOffer = "channel";

    protected override PlaybackEvent? Read(EventFields fields)
    {
        var eventId = fields.RequiredId("eventId", 64);
        var type = fields.RequiredOneOf("type", Types);
        var occurredAt = fields.RequiredTimestamp("occurredAt", time.GetUtcNow(), maxFutureSkew);
        var customerId = fields.RequiredId("customerId", IdLength);
        var deviceId = fields.RequiredId("deviceId", IdLength);
        var titleId = fields.RequiredId("titleId", IdLength);
        var seasonId = fields.OptionalId("seasonId", IdLength);
        var marketplace = fields.RequiredTerritory("marketplace");
        var offer = fields.RequiredOneOf("offer", Offers);
        var channelId = offer switch
        {
            ChannelOffer => fields.RequiredId("channelId", IdLength, "when offer is channel"),
            null => fields.OptionalId("channelId", IdLength), // offer unknown: still check what was sent
            _ => Absent(fields, "channelId", "unless offer is channel"),
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
