using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Domain;
using Streaming.Sessionization.Storage;
using Layout = Streaming.Contracts.Redis.PerformanceCounterLayout;

namespace Streaming.Sessionization;

/// <summary>
/// Applies one partition batch: merges its events into their timelines, turns the change of each timeline into
/// counter increments and derived facts, and commits all of it in one Redis script guarded by the batch marker and
/// the timelines' versions. Effect is exactly once: a redelivered batch finds its marker, a repeated event its id.
/// </summary>
public sealed class BatchProcessor(
    TimelineStore store,
    TimelineCache cache,
    SessionizationMetrics metrics,
    TimeProvider clock,
    IOptions<SessionizationOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<BatchProcessor> logger)
{
    private const int MaxAttempts = 5;
    private readonly SessionizationOptions _options = options.Value;
    private readonly SessionRules _rules = options.Value.Rules;
    private readonly SessionKeys _keys = new(pipeline.Value.Prefix);
    private readonly string _ns = pipeline.Value.Prefix;

    public async Task ProcessAsync(PlaybackEventsAccepted batch, Guid batchId, Func<StreamActivityRecorded, Task> publish)
    {
        var partition = batch.Partition;
        metrics.BatchSize.Record(batch.Events.Count);
        var arrivals = GroupByStreamKey(batch.Events);
        var partitionCache = cache.For(partition);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var timelineKeys = arrivals.Keys.Select(k => _keys.Timeline(partition, k)).ToList();
            try
            {
                var started = Stopwatch.GetTimestamp();
                var entries = await LoadAsync(partitionCache, timelineKeys);
                var commit = new BatchCommit();
                var facts = new DerivedFacts();
                int applied = 0, duplicates = 0, late = 0;
                var i = 0;
                foreach (var key in arrivals.Values)
                {
                    var entry = entries[i];
                    var result = entry.Timeline.Apply(key.Events, _rules);
                    (applied, duplicates, late) = (applied + result.Added.Count, duplicates + result.Duplicates, late + result.Late);
                    if (result.Added.Count > 0)
                    {
                        commit.AddTimeline(timelineKeys[i], entry.Version, entry.Timeline, result);
                        commit.AddCounters(_ns, partition, key.TitleId, result.Delta);
                        facts.Add(key.CustomerId, key.TitleId, result.Delta);
                    }
                    i++;
                }
                commit.Count(Layout.Stats.Processed, batch.Events.Count);
                commit.Count(Layout.Stats.Applied, applied);
                commit.Count(Layout.Stats.Duplicates, duplicates);
                commit.Count(Layout.Stats.Late, late);

                var activity = facts.ToMessage(batchId);
                var payload = activity.Items.Count == 0 ? "" : JsonSerializer.Serialize(activity);
                var (keys, args) = commit.Build(_keys.BatchMarker(partition, batchId), Layout.StatsKey(_ns, partition),
                    _keys.Outbox(partition), _options.BatchMarkerRetention, _options.StateRetention, batchId, payload);
                var outcome = await store.CommitAsync(keys, args);
                metrics.RedisCommit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                switch (outcome)
                {
                    case CommitOutcome.Applied:
                        var written = commit.TimelineKeys.ToHashSet(StringComparer.Ordinal);
                        foreach (var (key, entry) in timelineKeys.Zip(entries))
                        {
                            if (written.Contains(key)) entry.Version++;
                        }
                        Record(batch, applied, duplicates, late);
                        if (payload.Length > 0)
                        {
                            await publish(activity);
                            await store.RemoveFactsAsync(_keys.Outbox(partition), batchId.ToString("N"));
                        }
                        return;
                    case CommitOutcome.AlreadyApplied:
                        // Committed before (the message came back after a crash or a lost ack): publish whatever
                        // facts may not have left, and forget the in-memory timelines this attempt just changed.
                        partitionCache.Forget(timelineKeys);
                        metrics.Duplicates.Add(batch.Events.Count);
                        await FlushOutboxAsync(partition, publish);
                        return;
                    default:
                        partitionCache.Forget(timelineKeys);
                        metrics.Conflicts.Add(1);
                        logger.LogInformation("Batch {BatchId} met a timeline changed elsewhere; attempt {Attempt}", batchId, attempt);
                        break;
                }
            }
            catch
            {
                partitionCache.Forget(timelineKeys);
                throw;
            }
        }
        throw new InvalidOperationException($"batch {batchId} kept conflicting with concurrent writers after {MaxAttempts} attempts");
    }

    /// <summary>Publishes facts committed by earlier runs that crashed before publishing them.</summary>
    public async Task FlushOutboxAsync(int partition, Func<StreamActivityRecorded, Task> publish)
    {
        var outbox = _keys.Outbox(partition);
        foreach (var pending in await store.PendingFactsAsync(outbox))
        {
            var message = JsonSerializer.Deserialize<StreamActivityRecorded>((string)pending.Value!)!;
            await publish(message);
            await store.RemoveFactsAsync(outbox, pending.Name!);
        }
    }

    private static Dictionary<string, KeyArrivals> GroupByStreamKey(IReadOnlyList<PlaybackEvent> events)
    {
        var groups = new Dictionary<string, KeyArrivals>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!PlaybackKinds.TryParse(e.Type, out var kind))
            {
                throw new InvalidOperationException($"event {e.EventId} has unknown type '{e.Type}'; ingest should have rejected it");
            }
            var key = SessionKeys.StreamKey(e.CustomerId, e.DeviceId, e.TitleId);
            if (!groups.TryGetValue(key, out var arrivals)) groups[key] = arrivals = new KeyArrivals(e.CustomerId, e.TitleId, []);
            arrivals.Events.Add(new TimelineEvent(e.EventId, kind, e.OccurredAt.ToUnixTimeMilliseconds(), e.Marketplace, e.Offer, e.SeasonId));
        }
        return groups;
    }

    private async Task<List<TimelineCache.Entry>> LoadAsync(TimelineCache.Partition partitionCache, List<string> keys)
    {
        var entries = new TimelineCache.Entry[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (partitionCache.TryGet(keys[i], out var entry)) entries[i] = entry;
            else missing.Add(i);
        }
        if (missing.Count > 0)
        {
            var loaded = await store.LoadAsync(missing.Select(i => keys[i]).ToList());
            for (var j = 0; j < missing.Count; j++)
            {
                var entry = new TimelineCache.Entry(loaded[j].Timeline, loaded[j].Version);
                entries[missing[j]] = entry;
                partitionCache.Put(keys[missing[j]], entry);
            }
        }
        return [.. entries];
    }

    private void Record(PlaybackEventsAccepted batch, int applied, int duplicates, int late)
    {
        var tag = new KeyValuePair<string, object?>("partition", batch.Partition);
        metrics.Applied.Add(applied, tag);
        metrics.Duplicates.Add(duplicates, tag);
        metrics.Late.Add(late, tag);
        metrics.EventToCounter.Record((clock.GetUtcNow() - batch.AcceptedAt).TotalMilliseconds, tag);
    }

    /// <summary>One stream key's events of this batch, in arrival order.</summary>
    private sealed record KeyArrivals(string CustomerId, string TitleId, List<TimelineEvent> Events);

}
