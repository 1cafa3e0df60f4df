namespace Streaming.Subscriptions.Domain;

/// <summary>Why an event did not fit the subscriber's state; it then changes no metric and is counted under its reason.</summary>
public enum RejectionReason : byte
{
    TrialWhileTrial,
    TrialWhilePaid,
    PaidWhilePaid,
    CancelWithoutSubscription,
}

public static class RejectionReasons
{
    public static readonly IReadOnlyList<RejectionReason> All =
        [RejectionReason.TrialWhileTrial, RejectionReason.TrialWhilePaid, RejectionReason.PaidWhilePaid, RejectionReason.CancelWithoutSubscription];

    /// <summary>The name operators see in Redis and in the telemetry tag, e.g. <c>trial_while_trial</c>.</summary>
    public static string Name(this RejectionReason reason) => reason switch
    {
        RejectionReason.TrialWhileTrial => "trial_while_trial",
        RejectionReason.TrialWhilePaid => "trial_while_paid",
        RejectionReason.PaidWhilePaid => "paid_while_paid",
        RejectionReason.CancelWithoutSubscription => "cancel_without_subscription",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
