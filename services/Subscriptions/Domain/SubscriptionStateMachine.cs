namespace Streaming.Subscriptions.Domain;

/// <summary>The outcome of one event: the state after it, and either the metric it counts in or why it was rejected.</summary>
public readonly record struct Transition(SubscriptionState From, SubscriptionState To, ChannelMetric? Counted, RejectionReason? Rejected)
{
    /// <summary>+1 when the event puts the customer in trial, −1 when it takes them out of it, else 0.</summary>
    public int ActiveTrialChange => (To == SubscriptionState.Trial ? 1 : 0) - (From == SubscriptionState.Trial ? 1 : 0);

    public int ActivePaidChange => (To == SubscriptionState.Paid ? 1 : 0) - (From == SubscriptionState.Paid ? 1 : 0);
}

/// <summary>
/// The rules of one customer's subscription to one channel. none → trial (<c>trial_started</c>); trial → paid
/// (<c>paid_started</c>, a conversion); none → paid (<c>paid_started</c> without a trial, a paid start); trial or
/// paid → none (<c>cancelled</c>). Anything else is rejected and leaves the state as it was.
/// </summary>
public static class SubscriptionStateMachine
{
    public static Transition Apply(SubscriptionState state, SubscriptionKind kind) => (state, kind) switch
    {
        (SubscriptionState.None, SubscriptionKind.TrialStarted) => Accept(state, SubscriptionState.Trial, ChannelMetric.TrialStarts),
        (SubscriptionState.None, SubscriptionKind.PaidStarted) => Accept(state, SubscriptionState.Paid, ChannelMetric.PaidStarts),
        (SubscriptionState.None, SubscriptionKind.Cancelled) => Reject(state, RejectionReason.CancelWithoutSubscription),
        (SubscriptionState.Trial, SubscriptionKind.TrialStarted) => Reject(state, RejectionReason.TrialWhileTrial),
        (SubscriptionState.Trial, SubscriptionKind.PaidStarted) => Accept(state, SubscriptionState.Paid, ChannelMetric.PaidConversions),
        (SubscriptionState.Trial, SubscriptionKind.Cancelled) => Accept(state, SubscriptionState.None, ChannelMetric.TrialCancellations),
        (SubscriptionState.Paid, SubscriptionKind.TrialStarted) => Reject(state, RejectionReason.TrialWhilePaid),
        (SubscriptionState.Paid, SubscriptionKind.PaidStarted) => Reject(state, RejectionReason.PaidWhilePaid),
        (SubscriptionState.Paid, SubscriptionKind.Cancelled) => Accept(state, SubscriptionState.None, ChannelMetric.PaidCancellations),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"no rule for {kind} in state {state}"),
    };

    private static Transition Accept(SubscriptionState from, SubscriptionState to, ChannelMetric counted) => new(from, to, counted, null);

    private static Transition Reject(SubscriptionState state, RejectionReason reason) => new(state, state, null, reason);
}
