using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Processing;

/// <summary>What one <see cref="PartitionBatchLoop{TTimeline}.RunAsync"/> did.</summary>
/// <param name="AppliedBefore">Per message, whether its marker was found: if any was, nothing was committed.</param>
/// <param name="Conflicts">Attempts lost to another writer's claim on the partition (or to a timeline that expired).</param>
public sealed record BatchRun(bool[] AppliedBefore, int Conflicts)
{
    public bool Committed => !AppliedBefore.Contains(true);
}

/// <summary>
/// The optimistic commit of one partition batch: read the messages' markers and the timelines (from the cache where
/// it has them), let the service build the commit, run it, guarded by the partition's fence. A process claims a
/// partition (a fresh token in its fence key) before its first batch of it and reads timelines only under that claim,
/// so while the fence holds its token nobody else has written them and the cache is exact: the commit checks one
/// fence per batch, not a version per timeline. When another writer has claimed the partition since (two replicas
/// during a handoff, a restarted Redis), or a cached timeline's key may have expired and has, the commit is refused:
/// claim again, read again and rebuild, a bounded number of times. The commit is all or nothing, so a crash anywhere
/// leaves either the whole batch applied (its markers say so) or none of it.
/// </summary>
public sealed class PartitionBatchLoop<TTimeline>(
    PartitionStore store,
    TimelineCache<TTimeline> cache,
    Func<HashEntry[], TTimeline> decode,
    TimeProvider clock,
    ILogger logger)
{
    public const int MaxAttempts = 5;

    /// <summary>
    /// A cached key whose known expiry is nearer than this is checked by the commit: the commit may run that much
    /// later than its build (a stall, a reconnection backlog).
    /// </summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Commits what <paramref name="build"/> makes of the timelines under <paramref name="timelineKeys"/> (in that
    /// order), unless a message was applied before: then nothing is committed and the run says which. The build may
    /// change the timelines it is given; after a conflict or a failure they are dropped and read again.
    /// <paramref name="fenceKey"/> is the partition's fence (<see cref="PartitionKeys.Fence"/>).
    /// </summary>
    public async Task<BatchRun> RunAsync(
        int partition,
        string fenceKey,
        IReadOnlyList<string> markerKeys,
        IReadOnlyList<string> timelineKeys,
        Func<IReadOnlyList<StoredTimeline<TTimeline>>, DateTimeOffset, PartitionCommit> build)
    {
        var partitionCache = cache.For(partition);
        var conflicts = 0;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var token = partitionCache.FenceToken;
                if (token is null)
                {
                    token = await store.ClaimAsync(fenceKey);
                    partitionCache.Claimed(token);
                }
                var (applied, entries) = await LoadAsync(partitionCache, markerKeys, timelineKeys, firstAttempt: attempt == 1);
                if (applied.Contains(true))
                {
                    partitionCache.Forget(timelineKeys);
                    return new BatchRun(applied, conflicts);
                }
                var now = clock.GetUtcNow();
                var commit = build(entries, now);
                commit.Guard(fenceKey, token, timelineKeys.Where((_, i) => entries[i].MayHaveExpired(now, ExpiryMargin)));
                var outcome = await store.CommitAsync(commit);
                if (outcome == CommitOutcome.Applied)
                {
                    Committed(commit, timelineKeys, entries, now);
                    return new BatchRun(applied, conflicts);
                }
                if (outcome == CommitOutcome.Conflict)
                {
                    // Another writer claimed the partition, or a timeline expired: nothing cached can be trusted.
                    partitionCache.Lost();
                    conflicts++;
                    logger.LogInformation("A batch of partition {Partition} met a concurrent writer; attempt {Attempt}", partition, attempt);
                }
                else
                {
                    // A marker appeared since they were read: read again (the markers decide).
                    partitionCache.Forget(timelineKeys);
                }
            }
            catch
            {
                partitionCache.Forget(timelineKeys);
                throw;
            }
        }
        // Another writer of the partition (two instances during a rolling deploy) passes: retried like an outage.
        throw new TransientFaultException($"a batch of partition {partition} kept conflicting with concurrent writers after {MaxAttempts} attempts");
    }

    /// <summary>The cached entries now match what the commit wrote, expiry included.</summary>
    private static void Committed(PartitionCommit commit, IReadOnlyList<string> timelineKeys, StoredTimeline<TTimeline>[] entries, DateTimeOffset now)
    {
        var written = commit.Timelines.ToDictionary(t => t.Key, t => t.Ttl, StringComparer.Ordinal);
        for (var i = 0; i < timelineKeys.Count; i++)
        {
            if (!written.TryGetValue(timelineKeys[i], out var ttl)) continue;
            var entry = entries[i];
            entry.ExpiresAt = ttl switch
            {
                // The script sets the expiry after `now`: the key lives at least this long.
                TimelineTtl.Renew => now + commit.StateTtl,
                TimelineTtl.Keep => DateTimeOffset.MaxValue,
                // Left as it was; a key written for the first time without an expiry never expires.
                _ => entry.Stored ? entry.ExpiresAt : DateTimeOffset.MaxValue,
            };
            entry.Stored = true;
        }
    }

    /// <summary>
    /// The markers and the timelines, from the cache where it has them. When a first attempt finds every timeline in
    /// the cache, it reads nothing: the commit script checks the markers anyway, and when one exists the next attempt
    /// reads them to learn which (a redelivery is rare; a round trip per batch is not).
    /// </summary>
    private async Task<(bool[] Applied, StoredTimeline<TTimeline>[] Entries)> LoadAsync(
        TimelineCache<TTimeline>.Partition partitionCache, IReadOnlyList<string> markerKeys, IReadOnlyList<string> keys, bool firstAttempt)
    {
        var entries = new StoredTimeline<TTimeline>[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (partitionCache.TryGet(keys[i], out var entry)) entries[i] = entry;
            else missing.Add(i);
        }
        if (firstAttempt && missing.Count == 0) return (new bool[markerKeys.Count], entries);
        var (applied, loaded) = await store.LoadAsync(markerKeys, missing.Select(i => keys[i]).ToList());
        for (var j = 0; j < missing.Count; j++)
        {
            var entry = new StoredTimeline<TTimeline>(decode(loaded[j]), stored: loaded[j].Length > 0);
            entries[missing[j]] = entry;
            partitionCache.Put(keys[missing[j]], entry);
        }
        return (applied, entries);
    }
}
