using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Domain;
using Streaming.Sessionization.Storage;
using Streaming.Sessionization.Telemetry;
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

    /// <summary>One message: see <see cref="ProcessAsync(int, IReadOnlyList{BatchMessage}, Func{PackedStreamActivityRecorded, Task})"/>.</summary>
    public Task ProcessAsync(PlaybackEventsAccepted batch, Guid messageId, Func<PackedStreamActivityRecorded, Task> publish) =>
        ProcessAsync(batch.Partition, [new BatchMessage(messageId, batch)], publish);

    /// <summary>
    /// Applies consecutive messages of one partition together (one load, one commit, one facts message), each
    /// message guarded by its own marker, so a message redelivered in another company is still applied once.
    /// </summary>
    public async Task ProcessAsync(int partition, IReadOnlyList<BatchMessage> messages, Func<PackedStreamActivityRecorded, Task> publish)
    {
        if (messages.Any(m => m.Batch.Partition != partition))
        {
            throw new InvalidOperationException($"a batch of partition {partition} holds messages of another partition");
        }
        var partitionCache = cache.For(partition);
        var markerKeys = messages.Select(m => _keys.BatchMarker(partition, m.MessageId)).ToList();
        var arrivals = GroupByStreamKey(messages.SelectMany(m => m.Batch.Events));
        var timelineKeys = arrivals.Keys.Select(k => _keys.Timeline(partition, k)).ToList();

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var (applied, entries) = await LoadAsync(partitionCache, markerKeys, timelineKeys);
                if (applied.Any(a => a))
                {
                    // Some messages were committed before (redelivered after a crash or a lost ack): publish facts that
                    // may not have left, and apply only the others.
                    partitionCache.Forget(timelineKeys);
                    await FlushOutboxAsync(partition, publish);
                    var fresh = messages.Where((_, i) => !applied[i]).ToList();
                    metrics.Duplicates.Add(messages.Where((_, i) => applied[i]).Sum(m => m.Batch.Events.Count));
                    if (fresh.Count > 0) await ProcessAsync(partition, fresh, publish);
                    return;
                }

                var batchId = messages[0].MessageId;
                var now = clock.GetUtcNow();
                var (commit, live, facts, counts) = Apply(partition, arrivals, timelineKeys, entries, now);
                commit.Count(Layout.Stats.Processed, counts.Processed);
                commit.Count(Layout.Stats.Applied, counts.Applied);
                commit.Count(Layout.Stats.Duplicates, counts.Duplicates);
                commit.Count(Layout.Stats.Late, counts.Late);
                var activity = facts.ToMessage(batchId);
                // Packed once: the outbox keeps and the bus carries the same message.
                var packed = activity.ToPacked();
                var payload = activity.Items.Count == 0 ? "" : OutboxEntry.Serialize(packed, Activity.Current);
                var (keys, args) = commit.Build(markerKeys, Layout.StatsKey(_ns, partition), _keys.Outbox(partition),
                    _options.BatchMarkerRetention, _options.StateRetention + TtlRenewalInterval, batchId, payload, live);
                var outcome = await store.CommitAsync(keys, args);
                metrics.RedisCommit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                if (outcome == CommitOutcome.Applied)
                {
                    var written = commit.TimelineKeys.ToHashSet(StringComparer.Ordinal);
                    foreach (var (key, entry) in timelineKeys.Zip(entries))
                    {
                        if (!written.Contains(key)) continue;
                        entry.Version++;
                        if (NeedsTtlRenewal(entry, now)) entry.TtlRenewedAt = now;
                    }
                    Record(partition, messages, counts);
                    metrics.Counted(partition, activity);
                    if (payload.Length > 0)
                    {
                        await publish(packed);
                        store.RemoveFactsInBackground(_keys.Outbox(partition), batchId.ToString("N"));
                    }
                    return;
                }
                // A marker appeared or a timeline moved since they were read: read again and recompute.
                partitionCache.Forget(timelineKeys);
                metrics.Conflicts.Add(1);
                logger.LogInformation("Batch {BatchId} of partition {Partition} met a concurrent writer; attempt {Attempt}", batchId, partition, attempt);
            }
            catch
            {
                partitionCache.Forget(timelineKeys);
                throw;
            }
        }
        throw new InvalidOperationException($"a batch of partition {partition} kept conflicting with concurrent writers after {MaxAttempts} attempts");
    }

    /// <summary>
    /// Expiry is renewed with every change unless this process renewed it within the last hour; the key lives
    /// StateRetention + 1 h from a renewal, so it always outlives its last change by StateRetention.
    /// </summary>
    private static bool NeedsTtlRenewal(TimelineCache.Entry entry, DateTimeOffset now) =>
        entry.TtlRenewedAt is not { } renewed || now - renewed >= TtlRenewalInterval;

    private static readonly TimeSpan TtlRenewalInterval = TimeSpan.FromHours(1);

    private (BatchCommit Commit, LiveCommit Live, DerivedFacts Facts, Counts Counts) Apply(
        int partition, Dictionary<string, KeyArrivals> arrivals, List<string> timelineKeys, List<TimelineCache.Entry> entries, DateTimeOffset now)
    {
        var commit = new BatchCommit();
        var live = new LiveCommit(_ns, partition, now.ToUnixTimeMilliseconds());
        var facts = new DerivedFacts();
        var counts = new Counts();
        var i = 0;
        foreach (var key in arrivals.Values)
        {
            var entry = entries[i];
            var latestBefore = entry.Timeline.Latest;
            var result = entry.Timeline.Apply(key.Events, _rules);
            counts = counts with
            {
                Processed = counts.Processed + key.Events.Count,
                Applied = counts.Applied + result.Added.Count,
                Duplicates = counts.Duplicates + result.Duplicates,
                Late = counts.Late + result.Late,
            };
            if (result.Added.Count > 0)
            {
                commit.AddTimeline(timelineKeys[i], entry.Version, entry.Timeline, result, NeedsTtlRenewal(entry, now));
                commit.AddCounters(_ns, partition, key.TitleId, result.Delta);
                facts.Add(key.CustomerId, key.TitleId, result.Delta);
                live.Add(key.CustomerId, key.DeviceId, key.TitleId, result.Added.Count,
                    PlayingNow.Change(latestBefore, entry.Timeline.Latest!.Value, live.NowMs, _rules));
            }
            i++;
        }
        return (commit, live, facts, counts);
    }

    /// <summary>Publishes facts committed by earlier runs that crashed before publishing them.</summary>
    public async Task FlushOutboxAsync(int partition, Func<PackedStreamActivityRecorded, Task> publish)
    {
        var outbox = _keys.Outbox(partition);
        foreach (var pending in await store.PendingFactsAsync(outbox))
        {
            var entry = OutboxEntry.Parse((string)pending.Value!);
            using (SessionizationActivities.StartOutboxPublish(entry.CommittedBy, (string)pending.Name!))
            {
                await publish(entry.Facts);
            }
            await store.RemoveFactsAsync(outbox, pending.Name!);
        }
    }

    private static Dictionary<string, KeyArrivals> GroupByStreamKey(IEnumerable<PlaybackEvent> events)
    {
        var groups = new Dictionary<string, KeyArrivals>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!PlaybackKinds.TryParse(e.Type, out var kind))
            {
                throw new InvalidOperationException($"event {e.EventId} has unknown type '{e.Type}'; ingest should have rejected it");
            }
            var key = SessionKeys.StreamKey(e.CustomerId, e.DeviceId, e.TitleId);
            if (!groups.TryGetValue(key, out var arrivals)) groups[key] = arrivals = new KeyArrivals(e.CustomerId, e.DeviceId, e.TitleId, []);
            arrivals.Events.Add(new TimelineEvent(e.EventId, kind, e.OccurredAt.ToUnixTimeMilliseconds(),
                AttributePool.Share(e.Marketplace), AttributePool.Share(e.Offer), AttributePool.ShareOptional(e.SeasonId)));
        }
        return groups;
    }

    /// <summary>The messages' markers, and each timeline from the cache or, when not there, from Redis.</summary>
    private async Task<(bool[] Applied, List<TimelineCache.Entry> Entries)> LoadAsync(
        TimelineCache.Partition partitionCache, List<string> markerKeys, List<string> keys)
    {
        var entries = new TimelineCache.Entry[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (partitionCache.TryGet(keys[i], out var entry)) entries[i] = entry;
            else missing.Add(i);
        }
        var (applied, loaded) = await store.LoadAsync(markerKeys, missing.Select(i => keys[i]).ToList());
        for (var j = 0; j < missing.Count; j++)
        {
            var entry = new TimelineCache.Entry(loaded[j].Timeline, loaded[j].Version);
            entries[missing[j]] = entry;
            partitionCache.Put(keys[missing[j]], entry);
        }
        return (applied, [.. entries]);
    }

    private void Record(int partition, IReadOnlyList<BatchMessage> messages, Counts counts)
    {
        var tag = new KeyValuePair<string, object?>("partition", partition);
        metrics.Applied.Add(counts.Applied, tag);
        metrics.Duplicates.Add(counts.Duplicates, tag);
        metrics.Late.Add(counts.Late, tag);
        var now = clock.GetUtcNow();
        foreach (var message in messages)
        {
            metrics.BatchSize.Record(message.Batch.Events.Count, tag);
            metrics.EventToCounter.Record((now - message.Batch.AcceptedAt).TotalMilliseconds, tag);
        }
    }

    private readonly record struct Counts(long Processed, long Applied, long Duplicates, long Late);

    /// <summary>One stream key's events of this batch, in arrival order.</summary>
    private sealed record KeyArrivals(string CustomerId, string DeviceId, string TitleId, List<TimelineEvent> Events);

}

/// <summary>A consumed message and the broker's id for it (the same on every redelivery).</summary>
public sealed record BatchMessage(Guid MessageId, PlaybackEventsAccepted Batch);
