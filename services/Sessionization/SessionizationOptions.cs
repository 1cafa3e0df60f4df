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

    public const int DefaultMaxEventsPerKey = 1_000;

    /// <summary>
    /// Events one stream key keeps within the allowed lateness; more are refused and counted (stat <c>over_limit</c>).
    /// A player's heartbeat every 30 s makes 120 an hour: only a flood reaches the default.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxEventsPerKey { get; set; } = DefaultMaxEventsPerKey;

    /// <summary>How long a stream key's timeline outlives its last change; repeats of its events are ignored meanwhile.</summary>
    public TimeSpan StateRetention { get; set; } = TimeSpan.FromHours(25);

    /// <summary>How long a batch is remembered as applied, so a redelivered message is recognised.</summary>
    public TimeSpan BatchMarkerRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most messages of one partition queue applied together in one commit: a batch takes those waiting when the
    /// partition's previous batch ends, up to this many.
    /// </summary>
    [Range(1, 1_000)]
    public int MessagesPerBatch { get; set; } = 20;

    /// <summary>
    /// No longer used, still accepted so existing configuration starts: a batch no longer waits for more messages, it
    /// takes those waiting when the partition's previous batch ends (<see cref="MessagesPerBatch"/>).
    /// </summary>
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Messages the broker hands out ahead per partition queue, all consumed at once and waiting for their batch; at
    /// least <see cref="MessagesPerBatch"/>, and twice that keeps a full batch waiting while one is applied.
    /// </summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 40;

    /// <summary>Timelines kept in memory per partition; the rest are read from Redis when their key comes back.</summary>
    [Range(0, 10_000_000)]
    public int CachedTimelinesPerPartition { get; set; } = 200_000;

    /// <summary>
    /// How old an outbox entry must be before the background sweep publishes it: younger ones are still being published
    /// by the batch that committed them. The sweep runs every half of this.
    /// </summary>
    public TimeSpan OutboxSweepAfter { get; set; } = TimeSpan.FromSeconds(30);

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
        if (PrefetchCount < MessagesPerBatch)
            yield return new("must be at least MessagesPerBatch, or batches never fill", [nameof(PrefetchCount)]);
        if (OutboxSweepAfter < TimeSpan.FromSeconds(1) || OutboxSweepAfter > TimeSpan.FromHours(1))
            yield return new("must be between 1 second and 1 hour", [nameof(OutboxSweepAfter)]);
        if (BatchMarkerRetention < TimeSpan.FromMinutes(1))
            yield return new("must be at least one minute", [nameof(BatchMarkerRetention)]);
    }
}
