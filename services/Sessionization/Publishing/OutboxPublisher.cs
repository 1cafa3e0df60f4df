using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Sessionization;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Storage;
using Streaming.Sessionization.Telemetry;

namespace Streaming.Sessionization.Publishing;

/// <summary>What one pass over a partition's outbox did.</summary>
/// <param name="Published">Entries published and then removed (or left for another pass when the removal failed).</param>
/// <param name="Failed">Entries whose publication failed: they stay in the outbox.</param>
/// <param name="DeadLettered">Entries moved to the partition's dead-letter hash.</param>
/// <param name="FirstFailure">The exception of the first failed publication, if any.</param>
public sealed record OutboxPass(int Published, int Failed, int DeadLettered, Exception? FirstFailure);

/// <summary>
/// Gets a partition's derived facts from its outbox onto the bus. An entry is removed only after its publication is
/// confirmed (publisher confirms, mandatory: <see cref="MandatoryFactsPublication"/>), by an awaited removal that is
/// retried; an entry whose removal still fails stays and is published again later, which the engagement ranking drops
/// by its BatchId. One entry never holds back the others: an unreadable one is moved to the dead-letter hash at once,
/// and one whose publication keeps failing while the others go out is moved there after
/// <see cref="RefusalsBeforeDeadLetter"/> passes.
/// </summary>
public sealed class OutboxPublisher(
    Outbox outbox,
    SessionizationMetrics metrics,
    IOptions<PipelineOptions> pipeline,
    ILogger<OutboxPublisher> logger,
    TimeProvider clock)
{
    /// <summary>Passes in which an entry failed while others of its partition were published, before it is set aside.</summary>
    public const int RefusalsBeforeDeadLetter = 5;

    /// <summary>Waits between the attempts to remove a published entry (four attempts in all, about 2.6 s).</summary>
    public static readonly IReadOnlyList<TimeSpan> RemoveRetryDelays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    private readonly SessionKeys _keys = new(pipeline.Value.Prefix);
    private readonly ConcurrentDictionary<(int Partition, string BatchId), int> _refusals = new();

    /// <summary>
    /// Publishes the facts a batch has just committed, then removes their entry: one batch's share of
    /// <see cref="PublishCommittedAsync(int, IReadOnlyList{CommittedFacts})"/>, continuing the running span's trace.
    /// </summary>
    public async Task PublishCommittedAsync(int partition, string batchId, PackedStreamActivityRecorded facts, Func<PackedStreamActivityRecorded, Task> publish) =>
        await RemovePublishedAsync(partition,
            await PublishCommittedAsync(partition, [new CommittedFacts(batchId, facts, Activity.Current?.Context ?? default, publish)]));

    /// <summary>
    /// Publishes the partition's entries committed before <paramref name="committedBefore"/> (every entry when null),
    /// each removed once published. Throws only when Redis cannot be read or written; a failed publication is reported
    /// in the answer.
    /// </summary>
    public async Task<OutboxPass> PublishPendingAsync(int partition, DateTimeOffset? committedBefore, Func<PackedStreamActivityRecorded, Task> publish)
    {
        var due = new List<(string BatchId, OutboxEntry Entry)>();
        var deadLettered = 0;
        foreach (var pending in await outbox.PendingAsync(_keys.Outbox(partition)))
        {
            var batchId = (string)pending.Name!;
            OutboxEntry entry;
            try
            {
                entry = OutboxEntry.Parse((string)pending.Value!);
            }
            catch (Exception e)
            {
                deadLettered += await DeadLetterAsync(partition, batchId, "unreadable", e);
                continue;
            }
            // Younger entries are still being published by their batch; an entry without a time is from an older version.
            if (committedBefore is { } before && entry.CommittedAt >= before) continue;
            due.Add((batchId, entry));
        }

        var (published, failed) = (0, new List<(string BatchId, Exception Error)>());
        foreach (var (batchId, entry) in due)
        {
            try
            {
                using (SessionizationActivities.StartOutboxPublish(entry.CommittedBy, batchId))
                {
                    await publish(entry.Facts);
                }
            }
            catch (Exception e)
            {
                failed.Add((batchId, e));
                metrics.OutboxPublishFailures.Add(1, Tag(partition));
                logger.LogWarning(e, "Facts of batch {BatchId} (partition {Partition}) were not published from the outbox; they stay there", batchId, partition);
                continue;
            }
            published++;
            metrics.OutboxRepublished.Add(1, Tag(partition));
            _refusals.TryRemove((partition, batchId), out _);
            await RemoveAsync(partition, batchId);
        }

        // Failing while others of the partition went out: the entry is the trouble, not the broker.
        if (published > 0)
        {
            foreach (var (batchId, error) in failed)
            {
                if (_refusals.AddOrUpdate((partition, batchId), 1, (_, n) => n + 1) < RefusalsBeforeDeadLetter) continue;
                _refusals.TryRemove((partition, batchId), out _);
                deadLettered += await DeadLetterAsync(partition, batchId, "refused", error);
            }
        }
        return new OutboxPass(published, failed.Count, deadLettered, failed.Count > 0 ? failed[0].Error : null);
    }

    /// <summary>Runs <paramref name="action"/>, again after each of <paramref name="delays"/> while it throws; the last error, or null.</summary>
    public static async Task<Exception?> TryWithRetriesAsync(Func<Task> action, IReadOnlyList<TimeSpan> delays, TimeProvider clock)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await action();
                return null;
            }
            catch (Exception e)
            {
                if (attempt == delays.Count) return e;
            }
            await Task.Delay(delays[attempt], clock);
        }
    }

    /// <summary>
    /// Publishes the facts several batches have just committed, all at once (the broker's confirmations overlap), and
    /// answers the BatchIds of those the broker confirmed: their entries are the caller's to remove
    /// (<see cref="RemovePublishedAsync"/>). A failed publication is logged and counted, not thrown: its entry waits in
    /// the outbox for the sweep.
    /// </summary>
    public async Task<string[]> PublishCommittedAsync(int partition, IReadOnlyList<CommittedFacts> committed)
    {
        var confirmed = await Task.WhenAll(committed.Select(c => PublishOneAsync(partition, c)));
        return [.. committed.Where((_, i) => confirmed[i]).Select(c => c.BatchId)];
    }

    /// <summary>Removes the entries of published facts in one command, retried; what still fails is published again later.</summary>
    public Task RemovePublishedAsync(int partition, IReadOnlyCollection<string> batchIds) => RemoveAsync(partition, [.. batchIds]);

    private async Task<bool> PublishOneAsync(int partition, CommittedFacts committed)
    {
        try
        {
            using (SessionizationActivities.StartFactsPublish(committed.CommittedBy, committed.BatchId))
            {
                await committed.Publish(committed.Facts);
            }
            return true;
        }
        catch (Exception e)
        {
            metrics.OutboxPublishFailures.Add(1, Tag(partition));
            logger.LogWarning(e, "Facts of batch {BatchId} (partition {Partition}) were not published; they wait in the outbox for the sweep", committed.BatchId, partition);
            return false;
        }
    }

    private async Task RemoveAsync(int partition, params string[] batchIds)
    {
        if (batchIds.Length == 0) return;
        var error = await TryWithRetriesAsync(() => outbox.RemoveAsync(_keys.Outbox(partition), batchIds), RemoveRetryDelays, clock);
        if (error is null) return;
        metrics.OutboxRemoveFailures.Add(batchIds.Length, Tag(partition));
        logger.LogWarning(error, "Published facts of batches {BatchIds} (partition {Partition}) stay in the outbox: removing them failed. " +
            "The sweep publishes them again and the engagement ranking drops the repeat by its BatchId", string.Join(", ", batchIds), partition);
    }

    private async Task<int> DeadLetterAsync(int partition, string batchId, string reason, Exception error)
    {
        if (!await outbox.MoveAsync(_keys.Outbox(partition), _keys.OutboxDeadLetter(partition), batchId)) return 0;
        metrics.OutboxDeadLettered.Add(1, Tag(partition), new KeyValuePair<string, object?>("reason", reason));
        logger.LogError(error, "Outbox entry {BatchId} of partition {Partition} is {Reason}; moved to {DeadLetter} (docs/operations.md, Derived facts)",
            batchId, partition, reason, _keys.OutboxDeadLetter(partition));
        return 1;
    }

    private static KeyValuePair<string, object?> Tag(int partition) => new("partition", partition);
}
