namespace Streaming.Ingest.Tests.Subscriptions;

/// <summary>Subscription events as a billing system sends them, to change field by field in a test.</summary>
public static class SubscriptionEvents
{
    /// <summary>Every field, all valid: a trial started at 23:30 on 28 February in Los Angeles (07:30Z on 1 March).</summary>
    public static JsonObject Subscription(string eventId = "s-1", string customerId = "c-1", string channelId = "ch-1", string type = "trial_started") =>
        WireEvents.Subscription(eventId, type, "2025-02-28T23:30:00-08:00", customerId, channelId);

    /// <summary>The subscription event <see cref="Subscription"/> stands for, offset included.</summary>
    public static SubscriptionEvent SubscriptionAccepted(string eventId = "s-1", string customerId = "c-1", string channelId = "ch-1", string type = "trial_started") =>
        WireEvents.SubscriptionRecord(eventId, type, new DateTimeOffset(2025, 2, 28, 23, 30, 0, TimeSpan.FromHours(-8)), customerId, channelId);
}
