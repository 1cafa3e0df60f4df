using static Streaming.Subscriptions.Domain.SubscriptionKind;
using static Streaming.Subscriptions.Domain.SubscriptionState;

namespace Streaming.Subscriptions.Tests;

/// <summary>Every (state, event) pair of the rules in docs/metrics.md, with its expected outcome written out.</summary>
public sealed class StateMachineTests
{
    [Theory]
    [InlineData(None, TrialStarted, Trial, ChannelMetric.TrialStarts, 1, 0)]
    [InlineData(None, PaidStarted, Paid, ChannelMetric.PaidStarts, 0, 1)]
    [InlineData(Trial, PaidStarted, Paid, ChannelMetric.PaidConversions, -1, 1)]
    [InlineData(Trial, Cancelled, None, ChannelMetric.TrialCancellations, -1, 0)]
    [InlineData(Paid, Cancelled, None, ChannelMetric.PaidCancellations, 0, -1)]
    public void Accepted_transition_moves_the_state_and_counts_once(
        SubscriptionState from, SubscriptionKind kind, SubscriptionState to, ChannelMetric counted, int activeTrial, int activePaid)
    {
        var transition = SubscriptionStateMachine.Apply(from, kind);

        Assert.Equal(new Transition(from, to, counted, null), transition);
        Assert.Equal((activeTrial, activePaid), (transition.ActiveTrialChange, transition.ActivePaidChange));
    }

    [Theory]
    [InlineData(None, Cancelled, RejectionReason.CancelWithoutSubscription, "cancel_without_subscription")]
    [InlineData(Trial, TrialStarted, RejectionReason.TrialWhileTrial, "trial_while_trial")]
    [InlineData(Paid, TrialStarted, RejectionReason.TrialWhilePaid, "trial_while_paid")]
    [InlineData(Paid, PaidStarted, RejectionReason.PaidWhilePaid, "paid_while_paid")]
    public void Event_that_does_not_fit_is_rejected_with_its_reason_and_changes_nothing(
        SubscriptionState state, SubscriptionKind kind, RejectionReason reason, string name)
    {
        var transition = SubscriptionStateMachine.Apply(state, kind);

        Assert.Equal(new Transition(state, state, null, reason), transition);
        Assert.Equal((0, 0), (transition.ActiveTrialChange, transition.ActivePaidChange));
        Assert.Equal(name, reason.Name());
    }

    [Fact]
    public void Every_state_and_event_pair_has_a_rule()
    {
        var pairs = Enum.GetValues<SubscriptionState>().SelectMany(s => Enum.GetValues<SubscriptionKind>().Select(k => (s, k)));

        Assert.All(pairs, p => Assert.Equal(p.s, SubscriptionStateMachine.Apply(p.s, p.k).From));
        Assert.Equal(9, pairs.Count());
    }

    [Fact]
    public void Resubscribing_after_a_cancellation_starts_afresh()
    {
        var state = None;
        var outcomes = new List<ChannelMetric?>();
        foreach (var kind in new[] { TrialStarted, Cancelled, TrialStarted, PaidStarted, Cancelled, PaidStarted })
        {
            var t = SubscriptionStateMachine.Apply(state, kind);
            outcomes.Add(t.Counted);
            state = t.To;
        }

        Assert.Equal(
        [
            ChannelMetric.TrialStarts, ChannelMetric.TrialCancellations, ChannelMetric.TrialStarts,
            ChannelMetric.PaidConversions, ChannelMetric.PaidCancellations, ChannelMetric.PaidStarts,
        ], outcomes);
        Assert.Equal(Paid, state);
    }
}
