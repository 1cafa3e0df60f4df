namespace Streaming.Subscriptions.Domain;

/// <summary>
/// Event types, declared in the order that breaks ties between events of one subscriber at the same instant: a
/// subscription's life runs forward within an instant (trial, then paid, then cancelled), then eventId decides.
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
            case "trial_started": kind = SubscriptionKind.TrialStarted; return true;
            case "paid_started": kind = SubscriptionKind.PaidStarted; return true;
            case "cancelled": kind = SubscriptionKind.Cancelled; return true;
            default: kind = default; return false;
        }
    }
}
