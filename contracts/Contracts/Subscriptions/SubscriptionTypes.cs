namespace Streaming.Contracts.Subscriptions;

/// <summary>
/// The values of <see cref="SubscriptionEvent.Type"/> on the wire: the billing events of an add-on channel
/// subscription. The subscription state machine decides which follow which.
/// </summary>
public static class SubscriptionTypes
{
    public const string TrialStarted = "trial_started";
    public const string PaidStarted = "paid_started";
    public const string Cancelled = "cancelled";

    /// <summary>Every type, in the order of a subscription's life.</summary>
    public static readonly IReadOnlyList<string> All = [TrialStarted, PaidStarted, Cancelled];
}
