using System.Globalization;
using Streaming.PartitionedState.Window;

namespace Streaming.Subscriptions.Tests;

/// <summary>Subscriber events written as a billing system sends them: an id and a local time with its offset.</summary>
internal static class Ev
{
    public static SubscriberEvent Trial(string id, string occurredAt) => At(id, SubscriptionKind.TrialStarted, occurredAt);

    public static SubscriberEvent Paid(string id, string occurredAt) => At(id, SubscriptionKind.PaidStarted, occurredAt);

    public static SubscriberEvent Cancel(string id, string occurredAt) => At(id, SubscriptionKind.Cancelled, occurredAt);

    public static SubscriberEvent At(string id, SubscriptionKind kind, string occurredAt) =>
        SubscriberEvent.From(id, kind, DateTimeOffset.ParseExact(occurredAt, "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture));

    public static int Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;

    /// <summary>A tally as sorted lines such as "2026-01-01 TrialStarts 1" and "rejected TrialWhileTrial 1", to compare whole.</summary>
    public static string[] Lines(Tally tally) =>
    [
        .. tally.Days.Select(d => $"{DateOnly.FromDayNumber(d.Key.Day):yyyy-MM-dd} {d.Key.Metric} {d.Value}").Order(StringComparer.Ordinal),
        .. tally.Rejected.Select(r => $"rejected {r.Key} {r.Value}").Order(StringComparer.Ordinal),
    ];

    /// <summary>Applies each batch in turn to a fresh timeline and sums the changes.</summary>
    public static (SubscriberTimeline Timeline, Tally Sum, List<WindowChange<SubscriberEvent, SubscriberAnchor, Tally>> Results) Run(long latenessMs, params SubscriberEvent[][] batches)
    {
        var timeline = new SubscriberTimeline();
        var sum = new Tally();
        var results = new List<WindowChange<SubscriberEvent, SubscriberAnchor, Tally>>();
        foreach (var batch in batches)
        {
            var result = timeline.Apply(batch, latenessMs);
            sum.AddAll(result.Delta);
            results.Add(result);
        }
        return (timeline, sum, results);
    }

    public const long Hours72 = 72 * 3_600_000L;
}
