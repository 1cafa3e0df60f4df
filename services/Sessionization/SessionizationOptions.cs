using System.ComponentModel.DataAnnotations;
using Streaming.Sessionization.Domain;

namespace Streaming.Sessionization;

/// <summary>Section <c>Sessionization</c>: the rules' numbers (docs/metrics.md) and how long state is kept.</summary>
public sealed class SessionizationOptions : IValidatableObject
{
    public const string Section = "Sessionization";

    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromMinutes(60);
    public TimeSpan MaxGap { get; set; } = TimeSpan.FromSeconds(120);
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long a stream key's timeline outlives its last change; repeats of its events are ignored meanwhile.</summary>
    public TimeSpan StateRetention { get; set; } = TimeSpan.FromHours(25);

    /// <summary>How long a batch is remembered as applied, so a redelivered message is recognised.</summary>
    public TimeSpan BatchMarkerRetention { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 8;

    /// <summary>Timelines kept in memory per partition; the rest are read from Redis when their key comes back.</summary>
    [Range(0, 10_000_000)]
    public int CachedTimelinesPerPartition { get; set; } = 200_000;

    public SessionRules Rules => new(
        (long)InactivityTimeout.TotalMilliseconds, (long)MaxGap.TotalMilliseconds, (long)AllowedLateness.TotalMilliseconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InactivityTimeout <= TimeSpan.Zero)
            yield return new("must be positive", [nameof(InactivityTimeout)]);
        if (MaxGap <= TimeSpan.Zero || MaxGap > InactivityTimeout)
            yield return new("must be positive and at most InactivityTimeout", [nameof(MaxGap)]);
        if (AllowedLateness < TimeSpan.Zero)
            yield return new("must not be negative", [nameof(AllowedLateness)]);
        if (StateRetention < TimeSpan.FromHours(24) || StateRetention <= AllowedLateness)
            yield return new("must be at least 24 hours (repeats are ignored for 24 hours) and longer than AllowedLateness", [nameof(StateRetention)]);
        if (BatchMarkerRetention < TimeSpan.FromMinutes(1))
            yield return new("must be at least one minute", [nameof(BatchMarkerRetention)]);
    }
}
