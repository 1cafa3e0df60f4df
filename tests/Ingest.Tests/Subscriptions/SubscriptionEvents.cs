using Streaming.Contracts.Subscriptions;

namespace Streaming.Ingest.Tests.Subscriptions;

/// <summary>Subscription events as a billing system sends them, to change field by field in a test.</summary>
public static class SubscriptionEvents
{
    /// <summary>Every field, all valid: a trial started at 23:30 on 28 February in Los Angeles (07:30Z on 1 March).</summary>
    public static JsonObject Subscription(string eventId = "s-1", string customerId = "c-1", string channelId = "ch-1", string type = "trial_started") => new()
    {
        ["eventId"] = eventId,
        ["type"] = type,
        ["occurredAt"] = "2025-02-28T23:30:00-08:00",
        ["customerId"] = customerId,
        ["channelId"] = channelId,
        ["marketplace"] = "US",
    };

    /// <summary>The subscription event <see cref="Subscription"/> stands for, offset included.</summary>
    public static SubscriptionEvent SubscriptionAccepted(string eventId = "s-1", string customerId = "c-1", string channelId = "ch-1", string type = "trial_started") => new()
    {
        EventId = eventId,
        Type = type,
        OccurredAt = new DateTimeOffset(2025, 2, 28, 23, 30, 0, TimeSpan.FromHours(-8)),
        CustomerId = customerId,
        ChannelId = channelId,
        Marketplace = "US",
    };
}
