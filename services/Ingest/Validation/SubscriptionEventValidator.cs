using Streaming.Contracts.Subscriptions;
using Streaming.Tenancy;

namespace Streaming.Ingest.Validation;

/// <summary>The rules of one billing event of a channel subscription.</summary>
public sealed class SubscriptionEventValidator(TimeProvider time, TimeSpan maxFutureSkew, Func<TenancySnapshot> catalog)
    : EventValidator<SubscriptionEvent>(time, maxFutureSkew, catalog)
{
    public override string Kind => "subscription";

    protected override SubscriptionEvent? Read(EventFields fields)
    {
        var head = ReadHead(fields, SubscriptionTypes.All);
        var channelId = fields.RequiredId("channelId", IdLength);
        if (channelId is not null && !Catalog.HasChannel(channelId))
        {
            fields.Reject("channelId", CatalogRule.NotInCatalog("channels"));
        }
        var marketplace = fields.RequiredTerritory("marketplace");

        if (fields.HasErrors)
        {
            return null;
        }
        return new SubscriptionEvent
        {
            EventId = head.EventId!,
            Type = head.Type!,
            OccurredAt = head.OccurredAt!.Value, // the offset as sent: it says on which local day of the subscriber it counts
            CustomerId = head.CustomerId!,
            ChannelId = channelId!,
            Marketplace = marketplace!,
        };
    }
}
