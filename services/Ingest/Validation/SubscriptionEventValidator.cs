using Streaming.Contracts.Subscriptions;

namespace Streaming.Ingest.Validation;

/// <summary>The rules of one billing event of a channel subscription; pure apart from reading the injected clock.</summary>
public sealed class SubscriptionEventValidator(TimeProvider time, TimeSpan maxFutureSkew) : EventValidator<SubscriptionEvent>
{
    public override string Kind => "subscription";

    private const int IdLength = 128;

    protected override SubscriptionEvent? Read(EventFields fields)
    {
        var eventId = fields.RequiredId("eventId", 64);
        var type = fields.RequiredOneOf("type", SubscriptionTypes.All);
        // The offset is kept as sent: it says on which local day of the subscriber the event counts.
        var occurredAt = fields.RequiredTimestamp("occurredAt", time.GetUtcNow(), maxFutureSkew);
        var customerId = fields.RequiredId("customerId", IdLength);
        var channelId = fields.RequiredId("channelId", IdLength);
        var marketplace = fields.RequiredTerritory("marketplace");

        if (fields.HasErrors)
        {
            return null;
        }
        return new SubscriptionEvent
        {
            EventId = eventId!,
            Type = type!,
            OccurredAt = occurredAt!.Value,
            CustomerId = customerId!,
            ChannelId = channelId!,
            Marketplace = marketplace!,
        };
    }
}
