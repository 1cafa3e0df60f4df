using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Subscriptions;
using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Domain;
using Streaming.Subscriptions.Storage;
using Layout = Streaming.Contracts.Redis.ChannelCounterLayout;

namespace Streaming.Subscriptions;

/// <summary>
/// Applies one partition batch: merges its events into their subscribers' timelines, turns each timeline's change
/// into counter changes, and commits all of it in one Redis script guarded by the batch marker and the timelines'
/// versions. Effect is exactly once: a redelivered batch finds its marker, a repeated event its id.
/// </summary>
public sealed class BatchProcessor(
    TimelineStore store,
    SubscriptionsMetrics metrics,
    TimeProvider clock,
    IOptions<SubscriptionsOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<BatchProcessor> logger)
{
    private const int MaxAttempts = 5;
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

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var loaded = await store.LoadAsync(timelineKeys);
            var commit = new BatchCommit(_ns, partition);
            var rejected = new Tally();
            int applied = 0, duplicates = 0, late = 0;
            for (var i = 0; i < arrivals.Count; i++)
            {
                var (timeline, version) = loaded[i];
                var result = timeline.Apply(arrivals[i].Events, _latenessMs);
                (applied, duplicates, late) = (applied + result.Added.Count, duplicates + result.Duplicates, late + result.Late);
                if (result.Added.Count > 0)
                {
                    commit.AddTimeline(timelineKeys[i], version, timeline, result);
                    commit.AddCounts(arrivals[i].ChannelId, result.Delta);
                    foreach (var (reason, by) in result.Delta.Rejected) rejected.Reject(reason, by);
                }
            }
            commit.Count(Layout.Stats.Processed, batch.Events.Count);
            commit.Count(Layout.Stats.Applied, applied);
            commit.Count(Layout.Stats.Duplicates, duplicates);
            commit.Count(Layout.Stats.Late, late);

            var (keys, args) = commit.Build(_keys.BatchMarker(partition, batchId), _options.BatchMarkerRetention, _options.StateRetention);
            var outcome = await store.CommitAsync(keys, args);
            metrics.RedisCommit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            switch (outcome)
            {
                case CommitOutcome.Applied:
                    Record(batch, applied, duplicates, late, rejected);
                    return;
                case CommitOutcome.AlreadyApplied:
                    // Committed before: the message came back after a crash or a lost ack.
                    metrics.Duplicates.Add(batch.Events.Count);
                    return;
                default:
                    metrics.Conflicts.Add(1);
                    logger.LogInformation("Batch {BatchId} met a subscriber timeline changed elsewhere; attempt {Attempt}", batchId, attempt);
                    break;
            }
        }
        throw new InvalidOperationException($"batch {batchId} kept conflicting with concurrent writers after {MaxAttempts} attempts");
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

    private void Record(SubscriptionEventsAccepted batch, int applied, int duplicates, int late, Tally rejected)
    {
        var tag = new KeyValuePair<string, object?>("partition", batch.Partition);
        metrics.Applied.Add(applied, tag);
        metrics.Duplicates.Add(duplicates, tag);
        metrics.Late.Add(late, tag);
        foreach (var (reason, by) in rejected.Rejected)
        {
            metrics.Rejected.Add(by, tag, new KeyValuePair<string, object?>("reason", reason.Name()));
        }
        metrics.EventToCounter.Record((clock.GetUtcNow() - batch.AcceptedAt).TotalMilliseconds, tag);
    }

    /// <summary>One subscriber's events of this batch, in arrival order.</summary>
    private sealed record SubscriberArrivals(string CustomerId, string ChannelId, List<SubscriberEvent> Events);
}
