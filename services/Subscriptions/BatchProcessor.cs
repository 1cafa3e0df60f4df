using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Subscriptions;
using Streaming.PartitionedState.Processing;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Domain;
using Streaming.Subscriptions.Storage;
using Layout = Streaming.PartitionedState.Layouts.ChannelCounterLayout;

namespace Streaming.Subscriptions;

/// <summary>
/// Applies one partition batch: merges its events into their subscribers' timelines, turns each timeline's change
/// into counter changes, and commits all of it through the core's optimistic loop
/// (<see cref="PartitionBatchLoop{TTimeline}"/>), guarded by the batch marker and the partition's fence. Effect is
/// exactly once: a redelivered batch finds its marker, a repeated event its id.
/// </summary>
public sealed class BatchProcessor(
    PartitionBatchLoop<SubscriberTimeline> loop,
    SubscriptionsMetrics metrics,
    TimeProvider clock,
    IOptions<SubscriptionsOptions> options,
    IOptions<PipelineOptions> pipeline)
{
    private readonly SubscriptionsOptions _options = options.Value;
    private readonly long _latenessMs = (long)options.Value.AllowedLateness.TotalMilliseconds;
    private readonly SubscriptionKeys _keys = new(pipeline.Value.Prefix);
    private readonly string _ns = pipeline.Value.Prefix;

    public async Task ProcessAsync(SubscriptionEventsAccepted batch, Guid batchId)
    {
        var partition = batch.Partition;
        metrics.BatchSize.Record(batch.Events.Count);
        var arrivals = GroupBySubscriber(batch.Events);
        var timelineKeys = arrivals.Select(a => _keys.Timeline(partition, a.CustomerId, a.ChannelId)).ToList();

        var started = Stopwatch.GetTimestamp();
        Counts counts = default;
        List<string> markerKeys = [_keys.BatchMarker(partition, batchId)];
        var run = await loop.RunAsync(partition, _keys.Fence(partition), markerKeys, timelineKeys,
            (timelines, _) => Build(batch, markerKeys, arrivals, timelineKeys, timelines, out counts));
        metrics.Conflicts.Add(run.Conflicts);
        if (!run.Committed)
        {
            // Committed before: the message came back after a crash or a lost ack.
            metrics.Duplicates.Add(batch.Events.Count);
            return;
        }
        metrics.RedisCommit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Record(batch, counts);
    }

    private PartitionCommit Build(SubscriptionEventsAccepted batch, List<string> markerKeys, List<SubscriberArrivals> arrivals, List<string> timelineKeys,
        IReadOnlyList<StoredTimeline<SubscriberTimeline>> timelines, out Counts counts)
    {
        var partition = batch.Partition;
        var commit = new PartitionCommit(markerKeys, _options.BatchMarkerRetention, _options.StateRetention);
        counts = new Counts(new Tally());
        for (var i = 0; i < arrivals.Count; i++)
        {
            var timeline = timelines[i].Timeline;
            var change = timeline.Apply(arrivals[i].Events, _latenessMs, _options.MaxEventsPerKey);
            counts = counts with
            {
                Applied = counts.Applied + change.Added.Count,
                Duplicates = counts.Duplicates + change.Duplicates,
                Late = counts.Late + change.Late,
                OverLimit = counts.OverLimit + change.OverLimit,
            };
            if (!change.Changed) continue;
            var (sets, deletes) = TimelineHash.Changes(timeline, change, TimelineCodec.Instance);
            // An active subscriber's state is needed whenever they next change, however long that takes.
            var ttl = change.Last.State != SubscriptionState.None ? TimelineTtl.Keep : TimelineTtl.Renew;
            commit.AddTimeline(timelineKeys[i], ttl, sets, deletes);
            ChannelCounterChanges.Add(commit, _ns, partition, arrivals[i].ChannelId, change.Delta);
            foreach (var (reason, by) in change.Delta.Rejected) counts.Rejected.Reject(reason, by);
        }
        var stats = Layout.StatsKey(_ns, partition);
        commit.Increment(stats, Layout.Stats.Processed, batch.Events.Count, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.Applied, counts.Applied, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.Duplicates, counts.Duplicates, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.Late, counts.Late, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.OverLimit, counts.OverLimit, CounterMode.Known);
        return commit;
    }

    private static List<SubscriberArrivals> GroupBySubscriber(IReadOnlyList<SubscriptionEvent> events)
    {
        var groups = new Dictionary<(string, string), SubscriberArrivals>();
        foreach (var e in events)
        {
            if (!SubscriptionKinds.TryParse(e.Type, out var kind))
            {
                throw new InvalidOperationException($"event {e.EventId} has unknown type '{e.Type}'; ingest should have rejected it");
            }
            if (!groups.TryGetValue((e.CustomerId, e.ChannelId), out var arrivals))
            {
                groups[(e.CustomerId, e.ChannelId)] = arrivals = new SubscriberArrivals(e.CustomerId, e.ChannelId, []);
            }
            arrivals.Events.Add(SubscriberEvent.From(e.EventId, kind, e.OccurredAt));
        }
        return [.. groups.Values];
    }

    private void Record(SubscriptionEventsAccepted batch, Counts counts)
    {
        var tag = new KeyValuePair<string, object?>("partition", batch.Partition);
        metrics.Applied.Add(counts.Applied, tag);
        metrics.Duplicates.Add(counts.Duplicates, tag);
        metrics.Late.Add(counts.Late, tag);
        metrics.OverLimit.Add(counts.OverLimit, tag);
        foreach (var (reason, by) in counts.Rejected.Rejected)
        {
            metrics.Rejected.Add(by, tag, new KeyValuePair<string, object?>("reason", reason.Name()));
        }
        metrics.EventToCounter.Record((clock.GetUtcNow() - batch.AcceptedAt).TotalMilliseconds, tag);
    }

    /// <summary>What a batch applied, and the transitions it rejected by reason.</summary>
    private readonly record struct Counts(Tally Rejected, long Applied = 0, long Duplicates = 0, long Late = 0, long OverLimit = 0);

    /// <summary>One subscriber's events of this batch, in arrival order.</summary>
    private sealed record SubscriberArrivals(string CustomerId, string ChannelId, List<SubscriberEvent> Events);
}
