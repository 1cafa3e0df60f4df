using System.ComponentModel.DataAnnotations;

namespace Streaming.Subscriptions;

/// <summary>Section <c>Subscriptions</c>: how late events may arrive and how long state is kept (docs/metrics.md).</summary>
public sealed class SubscriptionsOptions : IValidatableObject
{
    public const string Section = "Subscriptions";

    /// <summary>How far behind the newest <c>occurredAt</c> seen for its subscriber an event may arrive and still count.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromHours(72);

    public const int DefaultMaxEventsPerKey = 1_000;

    /// <summary>
    /// Events one subscriber keeps within the allowed lateness; more are refused and counted (stat <c>over_limit</c>).
    /// A billing system sends a few a day: only a flood reaches the default.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxEventsPerKey { get; set; } = DefaultMaxEventsPerKey;

    /// <summary>
    /// How long the timeline of a subscriber with no active subscription outlives its last change; repeats of its
    /// events are recognised meanwhile. Timelines of subscribers in trial or paid never expire.
    /// </summary>
    public TimeSpan StateRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a batch is remembered as applied, so a redelivered message is recognised.</summary>
    public TimeSpan BatchMarkerRetention { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedLateness < TimeSpan.FromHours(24))
            yield return new("must be at least 24 hours (billing systems resend up to a day late)", [nameof(AllowedLateness)]);
        if (StateRetention <= AllowedLateness)
            yield return new("must be longer than AllowedLateness (a late event needs its subscriber's window)", [nameof(StateRetention)]);
        if (BatchMarkerRetention < TimeSpan.FromMinutes(1))
            yield return new("must be at least one minute", [nameof(BatchMarkerRetention)]);
    }
}
