using System.Reflection;
using StackExchange.Redis;
using Streaming.Sessionization.Domain;

namespace Streaming.Sessionization.Storage;

public enum CommitOutcome
{
    Applied,
    AlreadyApplied,
    Conflict,
}

/// <summary>Reads timelines and commits batches; the only class that talks to Redis for sessionization.</summary>
public sealed class TimelineStore(IConnectionMultiplexer redis)
{
    private static readonly string CommitScript = ReadScript("commit-batch.lua");

    private IDatabase Db => redis.GetDatabase();

    /// <summary>In one round trip: which batch markers exist, and the timelines stored under <paramref name="timelineKeys"/>.</summary>
    public async Task<(bool[] Applied, IReadOnlyList<(KeyTimeline Timeline, long Version)> Timelines)> LoadAsync(
        IReadOnlyList<string> markerKeys, IReadOnlyList<string> timelineKeys)
    {
        var batch = Db.CreateBatch();
        var markers = markerKeys.Select(k => batch.KeyExistsAsync(k)).ToList();
        var reads = timelineKeys.Select(k => batch.HashGetAllAsync(k)).ToList();
        batch.Execute();
        var applied = await Task.WhenAll(markers);
        var entries = await Task.WhenAll(reads);
        return (applied, entries.Select(TimelineCodec.Decode).ToList());
    }

    public async Task<CommitOutcome> CommitAsync(RedisKey[] keys, RedisValue[] args)
    {
        var result = (long)await Db.ScriptEvaluateAsync(CommitScript, keys, args);
        return result switch
        {
            1 => CommitOutcome.Applied,
            0 => CommitOutcome.AlreadyApplied,
            _ => CommitOutcome.Conflict,
        };
    }

    public async Task<HashEntry[]> PendingFactsAsync(string outboxKey) => await Db.HashGetAllAsync(outboxKey);

    public Task RemoveFactsAsync(string outboxKey, string batchId) => Db.HashDeleteAsync(outboxKey, batchId);

    /// <summary>
    /// Without waiting for the answer: if the removal is lost, the facts are published once more at the next start
    /// and consumers drop the repeat by its BatchId.
    /// </summary>
    public void RemoveFactsInBackground(string outboxKey, string batchId) =>
        Db.HashDelete(outboxKey, batchId, CommandFlags.FireAndForget);

    private static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
