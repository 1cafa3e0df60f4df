using static Streaming.Subscriptions.Tests.Ev;

namespace Streaming.Subscriptions.Tests;

/// <summary>
/// One subscriber's events merged batch by batch, with the change of the counts computed by hand. Lines read
/// "{subscriber-local day} {metric} {change}"; the active changes are +1 entering a state, −1 leaving it.
/// </summary>
public sealed class TimelineTests
{
    [Fact]
    public void Trial_conversion_and_paid_cancellation_count_on_their_own_days()
    {
        var (timeline, sum, _) = Run(Hours72, [Trial("t", "2026-01-01T10:00+00:00"), Paid("p", "2026-01-03T10:00+00:00"), Cancel("c", "2026-01-04T09:00+00:00")]);

        Assert.Equal(
        [
            "2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1",
            "2026-01-03 ActivePaidChange 1", "2026-01-03 ActiveTrialChange -1", "2026-01-03 PaidConversions 1",
            "2026-01-04 ActivePaidChange -1", "2026-01-04 PaidCancellations 1",
        ], Lines(sum));
        Assert.Equal(SubscriptionState.None, timeline.Count().FinalState);
    }

    [Fact]
    public void Cancellation_arriving_before_the_trial_it_cancels_is_rejected_then_corrected()
    {
        var (_, sum, results) = Run(Hours72, [Cancel("c", "2026-01-02T08:00-05:00")], [Trial("t", "2026-01-01T20:00-05:00")]);

        Assert.Equal(["rejected CancelWithoutSubscription 1"], Lines(results[0].Delta));
        // 20:00 at -05:00 is 01:00Z on 2 January, but it is 1 January for the subscriber.
        Assert.Equal(
        [
            "2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1",
            "2026-01-02 ActiveTrialChange -1", "2026-01-02 TrialCancellations 1",
            "rejected CancelWithoutSubscription -1",
        ], Lines(results[1].Delta));
        Assert.Equal(
        [
            "2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1",
            "2026-01-02 ActiveTrialChange -1", "2026-01-02 TrialCancellations 1",
        ], Lines(sum));
    }

    [Fact]
    public void Paid_start_without_trial_is_not_a_conversion_and_a_cancelled_customer_may_come_back()
    {
        var (timeline, sum, _) = Run(Hours72,
            [Paid("p", "2026-01-01T10:00+00:00"), Cancel("c", "2026-01-02T10:00+00:00"), Trial("t", "2026-01-02T12:00+00:00")]);

        Assert.Equal(
        [
            "2026-01-01 ActivePaidChange 1", "2026-01-01 PaidStarts 1",
            "2026-01-02 ActivePaidChange -1", "2026-01-02 ActiveTrialChange 1", "2026-01-02 PaidCancellations 1", "2026-01-02 TrialStarts 1",
        ], Lines(sum));
        Assert.Equal(SubscriptionState.Trial, timeline.Count().FinalState);
    }

    [Fact]
    public void Days_are_the_subscribers_local_dates_not_UTC_dates()
    {
        // 23:30 at -08:00 on 1 January is 07:30Z on 2 January; 00:30 at +14:00 on 1 January is 10:30Z on 31 December.
        var (_, sum, _) = Run(Hours72,
            [Trial("t", "2026-01-01T23:30-08:00"), Paid("p", "2026-01-02T08:00-08:00")]);
        var (_, kiribati, _) = Run(Hours72, [Trial("k", "2026-01-01T00:30+14:00")]);

        Assert.Equal(
        [
            "2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1",
            "2026-01-02 ActivePaidChange 1", "2026-01-02 ActiveTrialChange -1", "2026-01-02 PaidConversions 1",
        ], Lines(sum));
        Assert.Equal(["2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1"], Lines(kiribati));
    }

    [Fact]
    public void A_repeated_eventId_changes_nothing()
    {
        var trial = Trial("t", "2026-01-01T10:00+00:00");
        var (_, sum, results) = Run(Hours72, [trial, trial], [trial with { }], [Trial("t", "2026-01-01T11:00+00:00")]);

        Assert.Equal(["2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1"], Lines(sum));
        Assert.Equal([1, 1, 1], results.Select(r => r.Duplicates));
        Assert.All(results.Skip(1), r => Assert.True(r.Delta.IsEmpty && r.Added.Count == 0));
    }

    [Fact]
    public void An_event_more_than_the_allowed_lateness_behind_the_newest_is_dropped_as_late()
    {
        var (_, sum, results) = Run(Hours72,
            [Trial("t", "2026-01-10T10:00+00:00")],
            [Cancel("too-late", "2026-01-07T09:59+00:00"), Cancel("in-time", "2026-01-07T10:00+00:00")]);

        Assert.Equal((1, 1), (results[1].Late, results[1].Added.Count));
        // Exactly 72 hours behind is in time; before the trial it cancels nothing.
        Assert.Equal(["2026-01-10 ActiveTrialChange 1", "2026-01-10 TrialStarts 1", "rejected CancelWithoutSubscription 1"], Lines(sum));
    }

    [Fact]
    public void Events_behind_the_horizon_are_pruned_into_the_anchor_and_the_state_carries_on()
    {
        var (timeline, sum, results) = Run(Hours72,
            [Trial("t", "2026-01-01T10:00+00:00")], [Paid("p", "2026-01-05T10:00+00:00")], [Cancel("c", "2026-01-06T10:00+00:00")]);

        Assert.Equal(["t"], results[1].PrunedEventIds);
        Assert.True(results[1].AnchorChanged);
        Assert.Equal(new SubscriberAnchor(SubscriptionState.Trial, Day("2026-01-01")), timeline.Anchor);
        Assert.Equal(["p", "c"], timeline.Events.Select(e => e.EventId));
        Assert.Equal(
        [
            "2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1",
            "2026-01-05 ActivePaidChange 1", "2026-01-05 ActiveTrialChange -1", "2026-01-05 PaidConversions 1",
            "2026-01-06 ActivePaidChange -1", "2026-01-06 PaidCancellations 1",
        ], Lines(sum));
    }

    [Fact]
    public void A_subscribers_days_never_run_backwards_when_the_offset_changes()
    {
        // The trial is 2 January at +01:00 (23:30Z on 1 January); the cancellation 15 minutes later is 1 January at
        // +00:00. It counts on 2 January, so no day sees the customer leave before joining.
        var (_, sum, _) = Run(Hours72, [Trial("t", "2026-01-02T00:30+01:00"), Cancel("c", "2026-01-01T23:45+00:00")]);

        Assert.Equal(["2026-01-02 TrialCancellations 1", "2026-01-02 TrialStarts 1"], Lines(sum));
    }

    [Fact]
    public void A_rejected_transition_is_taken_back_when_a_late_event_makes_it_fit()
    {
        var (_, sum, results) = Run(Hours72,
            [Trial("a", "2026-01-01T10:00+00:00"), Trial("b", "2026-01-03T10:00+00:00")],
            [Cancel("c", "2026-01-02T10:00+00:00")]);

        Assert.Equal(["2026-01-01 ActiveTrialChange 1", "2026-01-01 TrialStarts 1", "rejected TrialWhileTrial 1"], Lines(results[0].Delta));
        Assert.Equal(
        [
            "2026-01-02 ActiveTrialChange -1", "2026-01-02 TrialCancellations 1",
            "2026-01-03 ActiveTrialChange 1", "2026-01-03 TrialStarts 1",
            "rejected TrialWhileTrial -1",
        ], Lines(results[1].Delta));
        Assert.DoesNotContain(sum.Rejected, r => r.Value != 0);
    }

    [Fact]
    public void At_the_same_instant_trial_sorts_before_paid_before_cancelled()
    {
        var (_, sum, _) = Run(Hours72,
            [Cancel("z-cancel", "2026-01-01T10:00+00:00"), Paid("y-paid", "2026-01-01T10:00+00:00"), Trial("x-trial", "2026-01-01T10:00+00:00")]);

        Assert.Equal(["2026-01-01 PaidCancellations 1", "2026-01-01 PaidConversions 1", "2026-01-01 TrialStarts 1"], Lines(sum));
    }

    [Fact]
    public void The_final_state_is_the_state_after_the_newest_event()
    {
        var timeline = new SubscriberTimeline();

        Assert.Equal(SubscriptionState.Trial, timeline.Apply([Trial("t", "2026-01-01T10:00+00:00")], Hours72).Last.State);
        Assert.Equal(SubscriptionState.Paid, timeline.Apply([Paid("p", "2026-01-01T11:00+00:00")], Hours72).Last.State);
        Assert.Equal(SubscriptionState.None, timeline.Apply([Cancel("c", "2026-01-01T12:00+00:00")], Hours72).Last.State);
    }
}
