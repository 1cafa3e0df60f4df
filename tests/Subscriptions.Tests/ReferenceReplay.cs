namespace Streaming.Subscriptions.Tests;

/// <summary>
/// The rules written as plainly as possible: all events known, sorted once, no window, no anchor, the state machine
/// as a table. Deliberately shares no code with <see cref="SubscriberTimeline"/> or <see cref="SubscriptionStateMachine"/>.
/// </summary>
internal static class ReferenceReplay
{
    // (state, kind) → (next state, metric counted or null when rejected, rejection reason)
    private static readonly Dictionary<(int State, int Kind), (int Next, ChannelMetric? Metric, RejectionReason? Reason)> Rules = new()
    {
        [(0, 0)] = (1, ChannelMetric.TrialStarts, null),
        [(0, 1)] = (2, ChannelMetric.PaidStarts, null),
        [(0, 2)] = (0, null, RejectionReason.CancelWithoutSubscription),
        [(1, 0)] = (1, null, RejectionReason.TrialWhileTrial),
        [(1, 1)] = (2, ChannelMetric.PaidConversions, null),
        [(1, 2)] = (0, ChannelMetric.TrialCancellations, null),
        [(2, 0)] = (2, null, RejectionReason.TrialWhilePaid),
        [(2, 1)] = (2, null, RejectionReason.PaidWhilePaid),
        [(2, 2)] = (0, ChannelMetric.PaidCancellations, null),
    };

    public sealed record Result(Dictionary<(int Day, ChannelMetric Metric), long> Days, Dictionary<RejectionReason, long> Rejected, int FinalState);

    public static Result Replay(IEnumerable<SubscriberEvent> events)
    {
        var sorted = events
            .DistinctBy(e => e.EventId)
            .OrderBy(e => e.AtMs).ThenBy(e => (int)e.Kind).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        var days = new Dictionary<(int, ChannelMetric), long>();
        var rejected = new Dictionary<RejectionReason, long>();
        var state = 0;
        var lastDay = int.MinValue;
        foreach (var e in sorted)
        {
            var local = DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs).ToOffset(TimeSpan.FromMinutes(e.OffsetMinutes));
            var day = Math.Max(DateOnly.FromDateTime(local.DateTime).DayNumber, lastDay);
            lastDay = day;
            var (next, metric, reason) = Rules[(state, (int)e.Kind)];
            if (reason is { } r)
            {
                rejected[r] = rejected.GetValueOrDefault(r) + 1;
                continue;
            }
            days[(day, metric!.Value)] = days.GetValueOrDefault((day, metric.Value)) + 1;
            var trial = (next == 1 ? 1 : 0) - (state == 1 ? 1 : 0);
            var paid = (next == 2 ? 1 : 0) - (state == 2 ? 1 : 0);
            days[(day, ChannelMetric.ActiveTrialChange)] = days.GetValueOrDefault((day, ChannelMetric.ActiveTrialChange)) + trial;
            days[(day, ChannelMetric.ActivePaidChange)] = days.GetValueOrDefault((day, ChannelMetric.ActivePaidChange)) + paid;
            state = next;
        }
        return new Result(
            days.Where(d => d.Value != 0).ToDictionary(),
            rejected.Where(r => r.Value != 0).ToDictionary(),
            state);
    }
}
