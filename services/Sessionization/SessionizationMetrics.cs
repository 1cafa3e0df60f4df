using System.Diagnostics.Metrics;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization;

/// <summary>The service's own instruments (meter and activity source "sessionization").</summary>
public sealed class SessionizationMetrics
{
    public const string Name = "sessionization";

    public SessionizationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Applied = meter.CreateCounter<long>("sessionization.events.applied", "{event}", "Events merged into a stream timeline");
        Duplicates = meter.CreateCounter<long>("sessionization.events.duplicates", "{event}", "Events ignored because their eventId was seen");
        Late = meter.CreateCounter<long>("sessionization.events.late_dropped", "{event}", "Events dropped as later than the allowed lateness");
        OverLimit = meter.CreateCounter<long>("sessionization.events.over_key_limit", "{event}",
            "Events refused because their stream key already kept Sessionization:MaxEventsPerKey events");
        Conflicts = meter.CreateCounter<long>("sessionization.commit.conflicts", "{batch}", "Commits retried because a timeline changed underneath");
        BatchSize = meter.CreateHistogram<int>("sessionization.batch.size", "{event}", "Events per consumed message (a batch applies up to MessagesPerBatch of them)");
        EventToCounter = meter.CreateHistogram<double>("sessionization.event_to_counter.latency", "ms", "From ingest acceptance to the counters' commit");
        RedisCommit = meter.CreateHistogram<double>("sessionization.redis.duration", "ms", "Redis time per batch (loads and commit)");
        OutboxPublishFailures = meter.CreateCounter<long>("sessionization.outbox.publish_failures", "{message}",
            "Facts messages whose publication failed or was returned; they stay in the outbox for the sweep");
        OutboxRemoveFailures = meter.CreateCounter<long>("sessionization.outbox.remove_failures", "{message}",
            "Published facts messages whose outbox entry could not be removed; the sweep publishes them again (dropped as repeats)");
        OutboxRepublished = meter.CreateCounter<long>("sessionization.outbox.republished", "{message}",
            "Facts messages published from the outbox by the sweep, a restart or a progress probe rather than by their batch");
        OutboxDeadLettered = meter.CreateCounter<long>("sessionization.outbox.dead_lettered", "{message}",
            "Outbox entries set aside in the partition's dead-letter hash (reason: unreadable, refused)");
        Streams = meter.CreateUpDownCounter<long>("sessionization.streams", "{stream}",
            "Unique streams counted; a late event that joins two streams takes one back (-1)");
        WatchedTime = meter.CreateUpDownCounter<double>("sessionization.watched_time", "s",
            "Time streamed counted; a late event that shortens a stream takes time back");
    }

    public Counter<long> Applied { get; }
    public Counter<long> Duplicates { get; }
    public Counter<long> Late { get; }
    public Counter<long> OverLimit { get; }
    public Counter<long> Conflicts { get; }
    public Histogram<int> BatchSize { get; }
    public Histogram<double> EventToCounter { get; }
    public Histogram<double> RedisCommit { get; }
    public Counter<long> OutboxPublishFailures { get; }
    public Counter<long> OutboxRemoveFailures { get; }
    public Counter<long> OutboxRepublished { get; }
    public Counter<long> OutboxDeadLettered { get; }
    public UpDownCounter<long> Streams { get; }
    public UpDownCounter<double> WatchedTime { get; }

    /// <summary>What a committed batch added to the counters the gateway reads: streams and time streamed.</summary>
    public void Counted(int partition, StreamActivityRecorded facts)
    {
        var tag = new KeyValuePair<string, object?>("partition", partition);
        Streams.Add(facts.Items.Sum(f => (long)f.StreamsDelta), tag);
        WatchedTime.Add(facts.Items.Sum(f => f.WatchedMillisecondsDelta) / 1000.0, tag);
    }
}
