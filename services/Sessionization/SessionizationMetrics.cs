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
