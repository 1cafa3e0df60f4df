using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Storage;

public enum CommitOutcome
{
    Applied,

    /// <summary>A message's marker exists: the batch, or part of it, was committed before.</summary>
    AlreadyApplied,

    /// <summary>A timeline moved since it was read: read again and recompute.</summary>
    Conflict,
}

/// <summary>Reads markers and timeline hashes, and runs the commit script; the core's only Redis access.</summary>
public sealed class PartitionStore(IConnectionMultiplexer redis)
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
        return (await Task.WhenAll(markers), await Task.WhenAll(reads));
    }

    public async Task<CommitOutcome> CommitAsync(PartitionCommit commit)
    {
        var (keys, args) = commit.Build();
        var result = (long)await CommitScript.EvaluateAsync(Db, keys, args);
        return result switch
        {
            1 => CommitOutcome.Applied,
            0 => CommitOutcome.AlreadyApplied,
            _ => CommitOutcome.Conflict,
        };
    }
}
