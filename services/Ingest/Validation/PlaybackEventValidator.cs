using Streaming.Contracts.Playback;
using Streaming.Tenancy;

namespace Streaming.Ingest.Validation;

/// <summary>The rules of one player event.</summary>
public sealed class PlaybackEventValidator(TimeProvider time, TimeSpan maxFutureSkew, Func<TenancySnapshot> catalog)
    : EventValidator<PlaybackEvent>(time, maxFutureSkew, catalog)
{
    public override string Kind => "playback";

    protected override PlaybackEvent? Read(EventFields fields)
    {
        var head = ReadHead(fields, PlaybackTypes.All);
        var deviceId = fields.RequiredId("deviceId", IdLength);
        var titleId = fields.RequiredId("titleId", IdLength);
        if (titleId is not null && !Catalog.HasTitle(titleId))
        {
            fields.Reject("titleId", CatalogRule.NotInCatalog("titles"));
        }
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
            EventId = head.EventId!,
            Type = head.Type!,
            OccurredAt = head.OccurredAt!.Value,
            CustomerId = head.CustomerId!,
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
