using System.ComponentModel.DataAnnotations;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Section <c>Resilience</c>: how long a consumer holds a message through an outage of Redis or RabbitMQ before
/// giving up on it (docs/operations.md, "Outages"). The delays double from <see cref="OutageRetryFirst"/> up to
/// <see cref="OutageRetryCap"/> and go on until they add up to <see cref="OutageRetryFor"/>.
/// </summary>
public sealed class ResilienceOptions : IValidatableObject
{
    public const string Section = "Resilience";

    /// <summary>The retries a message that can never be processed (poison) gets before its _error queue.</summary>
    public static readonly IReadOnlyList<TimeSpan> PoisonRetries =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>The first wait after a transient fault.</summary>
    public TimeSpan OutageRetryFirst { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts: how long a consumer may stay idle once the dependency is back.</summary>
    public TimeSpan OutageRetryCap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The outage a message outlasts: its waits add up to at least this much before it goes to _error.</summary>
    public TimeSpan OutageRetryFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The <c>Retry-After</c> of a 503 answered because Redis or the broker does not answer.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>The waits between attempts after transient faults, in order.</summary>
    public IReadOnlyList<TimeSpan> OutageRetries()
    {
        var delays = new List<TimeSpan>();
        var total = TimeSpan.Zero;
        for (var next = OutageRetryFirst; total < OutageRetryFor; next = Min(next * 2, OutageRetryCap))
        {
            delays.Add(next);
            total += next;
        }
        return delays;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OutageRetryFirst <= TimeSpan.Zero)
            yield return new("must be positive", [nameof(OutageRetryFirst)]);
        if (OutageRetryCap < OutageRetryFirst)
            yield return new("must be at least OutageRetryFirst", [nameof(OutageRetryCap)]);
        // RabbitMQ closes a channel whose delivery stays unacknowledged past consumer_timeout (30 min by default).
        if (OutageRetryFor < OutageRetryCap || OutageRetryFor > TimeSpan.FromMinutes(25))
            yield return new("must be at least OutageRetryCap and at most 25 minutes (RabbitMQ's consumer_timeout is 30)", [nameof(OutageRetryFor)]);
    }
}
