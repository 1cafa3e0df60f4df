using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.PartitionedState.Processing;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Domain;
using Streaming.Sessionization.Publishing;
using Streaming.Sessionization.Storage;
using Layout = Streaming.PartitionedState.Layouts.PerformanceCounterLayout;

namespace Streaming.Sessionization;

/// <summary>
/// Applies one partition batch: merges its events into their stream keys' timelines, turns the change of each into
/// counter increments, derived facts and live-view changes, and commits all of it through the core's optimistic loop
/// (<see cref="PartitionBatchLoop{TTimeline}"/>), guarded by the messages' markers and the partition's fence.
/// Effect is exactly once: a redelivered message finds its marker, a repeated event its id. A batch is done once its
/// commit is in Redis: its facts, kept in the outbox by that commit, are published after it (<see cref="FactsDispatcher"/>),
/// except a progress probe's, which go out before the batch is done and after everything queued before them.
/// </summary>
public sealed class BatchProcessor(
    PartitionBatchLoop<KeyTimeline> loop,
    OutboxPublisher outbox,
    FactsDispatcher dispatcher,
    RollupUpgrade rollups,
    SessionizationMetrics metrics,
    TimeProvider clock,
    IOptions<SessionizationOptions> options,
    IOptions<PipelineOptions> pipeline)
{
    /// <summary>
    /// Expiry is renewed by a change after which the key would live less than StateRetention; a renewal makes it live
    /// StateRetention + 1 h, so most changes within the hour after one leave the expiry alone.
    /// </summary>
    private static readonly TimeSpan TtlRenewalInterval = TimeSpan.FromHours(1);

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
        await rollups.EnsureAsync(partition);
        var caughtUpTo = ProgressProbe.CaughtUpTo(messages.Select(m => m.Batch));
        if (caughtUpTo is not null)
        {
            // The probe vouches for everything before it: facts a crashed run left in the outbox go out first.
            await FlushOutboxAsync(partition, publish);
        }
        var markerKeys = messages.Select(m => _keys.BatchMarker(partition, m.MessageId)).ToList();
        var arrivals = GroupByStreamKey(messages.SelectMany(m => m.Batch.Events));
        var timelineKeys = arrivals.Select(a => _keys.Timeline(partition, a.StreamKey)).ToList();
        var batchId = messages[0].MessageId;

        var started = Stopwatch.GetTimestamp();
        Built? built = null;
        var run = await loop.RunAsync(partition, _keys.Fence(partition), markerKeys, timelineKeys,
            (timelines, now) => (built = Build(partition, batchId, caughtUpTo, arrivals, timelineKeys, timelines, markerKeys, now)).Commit);
        metrics.Conflicts.Add(run.Conflicts);
        if (!run.Committed)
        {
            // Some messages were committed before (redelivered after a crash or a lost ack): publish facts that may not
            // have left (what fails waits for the sweep), and apply only the others.
            await PublishLeftoversAsync(partition, publish);
            var fresh = messages.Where((_, i) => !run.AppliedBefore[i]).ToList();
            metrics.Duplicates.Add(messages.Where((_, i) => run.AppliedBefore[i]).Sum(m => m.Batch.Events.Count));
            if (fresh.Count > 0) await ProcessAsync(partition, fresh, publish);
            return;
        }
        metrics.RedisCommit.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Record(partition, messages, built!.Counts);
        metrics.Counted(partition, built.Facts);
        if (built.Facts.CaughtUpTo is not null)
        {
            // A probe's answer goes out before its batch is done. The entry goes only once the broker has confirmed the
            // facts; if they fail, it waits for the sweep.
            await outbox.PublishCommittedAsync(partition, batchId.ToString("N"), built.Packed, publish);
        }
        else if (built.Facts.Items.Count > 0)
        {
            await dispatcher.EnqueueAsync(partition, batchId.ToString("N"), built.Packed, publish);
        }
    }

    /// <summary>Completes once the facts of every batch of the partition processed so far are published or left in the outbox.</summary>
    public Task FactsSentAsync(int partition) => dispatcher.DrainAsync(partition);

    /// <summary>The commit of one attempt: timelines, counters, stats, outbox entry and live view.</summary>
    private Built Build(int partition, Guid batchId, DateTimeOffset? caughtUpTo, List<KeyArrivals> arrivals, List<string> timelineKeys,
        IReadOnlyList<StoredTimeline<KeyTimeline>> timelines, List<string> markerKeys, DateTimeOffset now)
    {
        var commit = new PartitionCommit(markerKeys, _options.BatchMarkerRetention, _options.StateRetention + TtlRenewalInterval);
        var counters = new PerformanceCounterChanges(_ns, partition);
        var live = new LiveCommit(_ns, partition, now.ToUnixTimeMilliseconds());
        var facts = new DerivedFacts();
        var counts = new Counts();
        for (var i = 0; i < arrivals.Count; i++)
        {
            var (key, stored) = (arrivals[i], timelines[i]);
            var latestBefore = stored.Timeline.Latest;
            var change = stored.Timeline.Apply(key.Events, _rules, _options.MaxEventsPerKey);
            counts = counts with
            {
                Processed = counts.Processed + key.Events.Count,
                Applied = counts.Applied + change.Added.Count,
                Duplicates = counts.Duplicates + change.Duplicates,
                Late = counts.Late + change.Late,
                OverLimit = counts.OverLimit + change.OverLimit,
            };
            if (!change.Changed) continue;
            var (sets, deletes) = TimelineHash.Changes(stored.Timeline, change, TimelineCodec.Instance);
            var ttl = stored.NeedsTtlRenewal(now, _options.StateRetention) ? TimelineTtl.Renew : TimelineTtl.Leave;
            commit.AddTimeline(timelineKeys[i], ttl, sets, deletes);
            counters.Add(key.TitleId, change.Delta);
            facts.Add(key.CustomerId, key.TitleId, change.Delta);
            live.Add(key.CustomerId, key.DeviceId, key.TitleId, change.Added.Count,
                PlayingNow.Change(latestBefore, stored.Timeline.Latest!.Value, live.NowMs, _rules));
        }
        counters.AddTo(commit);
        var stats = Layout.StatsKey(_ns, partition);
        commit.Increment(stats, Layout.Stats.Processed, counts.Processed, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.Applied, counts.Applied, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.Duplicates, counts.Duplicates, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.Late, counts.Late, CounterMode.Known);
        commit.Increment(stats, Layout.Stats.OverLimit, counts.OverLimit, CounterMode.Known);
        var activity = facts.ToMessage(batchId, partition, caughtUpTo);
        // Packed once: the outbox keeps and the bus carries the same message.
        var packed = activity.ToPacked();
        if (Publishes(activity))
        {
            commit.SetField(_keys.Outbox(partition), batchId.ToString("N"), OutboxEntry.Serialize(packed, Activity.Current, now));
        }
        live.AddTo(commit);
        return new Built(commit, activity, packed, counts);
    }

    /// <summary>
    /// Publishes every fact the partition's outbox holds, before a progress probe is answered: the probe vouches for
    /// everything queued before it, so when one of them cannot be published, this throws (with that publication's
    /// error) and the batch is tried again. Unreadable entries are set aside (dead-letter hash) and do not stop it.
    /// </summary>
    public async Task FlushOutboxAsync(int partition, Func<PackedStreamActivityRecorded, Task> publish)
    {
        var pass = await PublishLeftoversAsync(partition, publish);
        if (pass.FirstFailure is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Everything the partition's outbox still holds once the facts queued for publication have gone out.</summary>
    private async Task<OutboxPass> PublishLeftoversAsync(int partition, Func<PackedStreamActivityRecorded, Task> publish)
    {
        await dispatcher.DrainAsync(partition);
        return await outbox.PublishPendingAsync(partition, null, publish);
    }

    /// <summary>Facts to publish, or a probe's progress to pass on even without facts.</summary>
    private static bool Publishes(StreamActivityRecorded facts) => facts.Items.Count > 0 || facts.CaughtUpTo is not null;

    private static List<KeyArrivals> GroupByStreamKey(IEnumerable<PlaybackEvent> events)
    {
        var groups = new Dictionary<string, KeyArrivals>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!PlaybackKinds.TryParse(e.Type, out var kind))
            {
                throw new InvalidOperationException($"event {e.EventId} has unknown type '{e.Type}'; ingest should have rejected it");
            }
            var key = SessionKeys.StreamKey(e.CustomerId, e.DeviceId, e.TitleId);
            if (!groups.TryGetValue(key, out var arrivals)) groups[key] = arrivals = new KeyArrivals(key, e.CustomerId, e.DeviceId, e.TitleId, []);
            arrivals.Events.Add(new TimelineEvent(e.EventId, kind, e.OccurredAt.ToUnixTimeMilliseconds(),
                AttributePool.Share(e.Marketplace), AttributePool.Share(e.Offer), AttributePool.ShareOptional(e.SeasonId)));
        }
        return [.. groups.Values];
    }

    private void Record(int partition, IReadOnlyList<BatchMessage> messages, Counts counts)
    {
        var tag = new KeyValuePair<string, object?>("partition", partition);
        metrics.Applied.Add(counts.Applied, tag);
        metrics.Duplicates.Add(counts.Duplicates, tag);
        metrics.Late.Add(counts.Late, tag);
        metrics.OverLimit.Add(counts.OverLimit, tag);
        var now = clock.GetUtcNow();
        foreach (var message in messages.Where(m => !m.Batch.IsProbe()))
        {
            metrics.BatchSize.Record(message.Batch.Events.Count, tag);
            metrics.EventToCounter.Record((now - message.Batch.AcceptedAt).TotalMilliseconds, tag);
        }
    }

    private readonly record struct Counts(long Processed, long Applied, long Duplicates, long Late, long OverLimit);

    private sealed record Built(PartitionCommit Commit, StreamActivityRecorded Facts, PackedStreamActivityRecorded Packed, Counts Counts);

    /// <summary>One stream key's events of this batch, in arrival order.</summary>
    private sealed record KeyArrivals(string StreamKey, string CustomerId, string DeviceId, string TitleId, List<TimelineEvent> Events);
}

/// <summary>A consumed message and the broker's id for it (the same on every redelivery).</summary>
public sealed record BatchMessage(Guid MessageId, PlaybackEventsAccepted Batch);
