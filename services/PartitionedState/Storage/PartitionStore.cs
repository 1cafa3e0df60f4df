using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Storage;

public enum CommitOutcome
{
    Applied,

    /// <summary>A message's marker exists: the batch, or part of it, was committed before.</summary>
    AlreadyApplied,

    /// <summary>The fence moved (another writer claimed the partition) or a timeline expired: claim again, read again.</summary>
    Conflict,
}

/// <summary>
/// Reads markers and timeline hashes, and runs the commit script; the core's only Redis access. A batch is
/// acknowledged once either call says its messages are applied: with <see cref="ReplicaWait"/> enabled, each such
/// answer first waits until the partition's replicas hold it.
/// </summary>
public sealed class PartitionStore(IConnectionMultiplexer redis, ReplicaWait? replicas = null)
{
    private static readonly RedisScript CommitScript = RedisScript.FromResource(typeof(PartitionStore).Assembly, "commit-partition.lua");

    private IDatabase Db => redis.GetDatabase();

    /// <summary>In one round trip: which markers exist, and the hashes stored under <paramref name="timelineKeys"/>.</summary>
    public async Task<(bool[] Applied, HashEntry[][] Timelines)> LoadAsync(IReadOnlyList<string> markerKeys, IReadOnlyList<string> timelineKeys)
    {
        var batch = Db.CreateBatch();
        var markers = new Task<bool>[markerKeys.Count];
        for (var i = 0; i < markers.Length; i++) markers[i] = batch.KeyExistsAsync(markerKeys[i]);
        var reads = new Task<HashEntry[]>[timelineKeys.Count];
        for (var i = 0; i < reads.Length; i++) reads[i] = batch.HashGetAllAsync(timelineKeys[i]);
        batch.Execute();
        var applied = await Task.WhenAll(markers);
        // The batch is acknowledged without a commit: what an earlier attempt wrote must be on the replicas first.
        if (replicas is not null && applied.Contains(true)) await replicas.ConfirmAsync(markerKeys[0]);
        return (applied, await Task.WhenAll(reads));
    }

    /// <summary>
    /// Claims the partition for this process: a fresh random token goes into the fence, so a commit guarded by any
    /// earlier token (another replica's, or this process's before a restart or a wiped Redis) is refused from now on.
    /// </summary>
    public async Task<string> ClaimAsync(string fenceKey)
    {
        var token = Guid.NewGuid().ToString("N");
        await Db.StringSetAsync(fenceKey, token);
        return token;
    }

    public async Task<CommitOutcome> CommitAsync(PartitionCommit commit)
    {
        var (keys, args) = commit.Build();
        // Every key carries the partition's hash tag: the first routes the WAIT to the master that took the commit.
        var result = replicas is null || keys.Length == 0
            ? await CommitAsync(keys, args)
            : await replicas.AfterWriteAsync(keys[0], () => CommitAsync(keys, args), applied => applied == 1);
        return result switch
        {
            1 => CommitOutcome.Applied,
            0 => CommitOutcome.AlreadyApplied,
            _ => CommitOutcome.Conflict,
        };
    }

    private async Task<long> CommitAsync(RedisKey[] keys, RedisValue[] args) => (long)await CommitScript.EvaluateAsync(Db, keys, args);
}
