using System.Diagnostics.Metrics;

namespace Streaming.Subscriptions;

/// <summary>The service's own instruments (meter "subscriptions", exported by ServiceDefaults).</summary>
public sealed class SubscriptionsMetrics
{
    public const string Name = "subscriptions";

    public SubscriptionsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Applied = meter.CreateCounter<long>("subscriptions.events.applied", "{event}", "Events merged into a subscriber timeline");
        Duplicates = meter.CreateCounter<long>("subscriptions.events.duplicates", "{event}", "Events ignored because their eventId was seen");
        Late = meter.CreateCounter<long>("subscriptions.events.late_dropped", "{event}", "Events dropped as later than the allowed lateness");
        OverLimit = meter.CreateCounter<long>("subscriptions.events.over_key_limit", "{event}",
            "Events refused because their subscriber already kept Subscriptions:MaxEventsPerKey events");
        Rejected = meter.CreateUpDownCounter<long>("subscriptions.transitions.rejected", "{event}",
            "Events that did not fit the subscriber's state, tag reason; a late event that makes one fit takes it back (−1)");
        Conflicts = meter.CreateCounter<long>("subscriptions.commit.conflicts", "{batch}", "Commits retried because a timeline changed underneath");
        BatchSize = meter.CreateHistogram<int>("subscriptions.batch.size", "{event}", "Events per consumed batch");
        EventToCounter = meter.CreateHistogram<double>("subscriptions.event_to_counter.latency", "ms", "From ingest acceptance to the counters' commit");
        RedisCommit = meter.CreateHistogram<double>("subscriptions.redis.duration", "ms", "Redis time per batch (loads and commit)");
    }

    public Counter<long> Applied { get; }
    public Counter<long> Duplicates { get; }
    public Counter<long> Late { get; }
    public Counter<long> OverLimit { get; }
    public UpDownCounter<long> Rejected { get; }
    public Counter<long> Conflicts { get; }
    public Histogram<int> BatchSize { get; }
    public Histogram<double> EventToCounter { get; }
    public Histogram<double> RedisCommit { get; }
}
