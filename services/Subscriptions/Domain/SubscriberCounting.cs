using Streaming.PartitionedState.Window;

namespace Streaming.Subscriptions.Domain;

/// <summary>
/// How one subscriber's (customer, channel) events count, as a fold in time order (docs/metrics.md, channel metrics):
/// each event goes through <see cref="SubscriptionStateMachine"/>; an accepted transition counts its metric on the
/// subscriber's local day (never earlier than the day of the event before it: travel cannot make a customer leave
/// before they joined), trial starts and conversions also on the UTC day, and the active trial and paid changes; a
/// rejected one counts its reason.
/// </summary>
public readonly struct SubscriberCounting(long allowedLatenessMs) : IWindowFold<SubscriberEvent, SubscriberAnchor, Tally>
{
    public long AllowedLatenessMs => allowedLatenessMs;

    public SubscriberAnchor Advance(SubscriberAnchor state, in SubscriberEvent e) =>
        new(SubscriptionStateMachine.Apply(state.State, e.Kind).To, DayOf(state, e));

    public SubscriberAnchor Count(SubscriberAnchor state, in SubscriberEvent e, Tally into, int sign)
    {
        var day = DayOf(state, e);
        var transition = SubscriptionStateMachine.Apply(state.State, e.Kind);
        if (transition.Rejected is { } reason)
        {
            into.Reject(reason, sign);
        }
        else
        {
            into.Count(day, transition.Counted!.Value, sign);
            into.CountUtc(e.UtcDayNumber, transition.Counted.Value, sign);
            into.Count(day, ChannelMetric.ActiveTrialChange, sign * transition.ActiveTrialChange);
            into.Count(day, ChannelMetric.ActivePaidChange, sign * transition.ActivePaidChange);
        }
        return new SubscriberAnchor(transition.To, day);
    }

    /// <summary>Subscriber anchors carry no event id: a repeat of a pruned event is late, not a duplicate.</summary>
    public string? EventIdOf(SubscriberAnchor state) => null;

    private static int DayOf(SubscriberAnchor state, in SubscriberEvent e) => Math.Max(e.LocalDayNumber, state.LastDayNumber ?? int.MinValue);
}
