using Streaming.Contracts.Subscriptions;

namespace Streaming.Subscriptions.Domain;

/// <summary>
/// Event types (<see cref="SubscriptionTypes"/> on the wire), declared in the order that breaks ties between events of
/// one subscriber at the same instant: a subscription's life runs forward within an instant (trial, then paid, then
/// cancelled), then eventId decides. The numbers are stored in Redis timelines: never renumber.
/// </summary>
public enum SubscriptionKind : byte
{
    TrialStarted = 0,
    PaidStarted = 1,
    Cancelled = 2,
}

public static class SubscriptionKinds
{
    public static bool TryParse(string value, out SubscriptionKind kind)
    {
        switch (value)
        {
            case SubscriptionTypes.TrialStarted: kind = SubscriptionKind.TrialStarted; return true;
            case SubscriptionTypes.PaidStarted: kind = SubscriptionKind.PaidStarted; return true;
            case SubscriptionTypes.Cancelled: kind = SubscriptionKind.Cancelled; return true;
            default: kind = default; return false;
        }
    }
}
