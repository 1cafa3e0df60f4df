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

    /// <summary>Loads several timelines in one round trip.</summary>
    public async Task<IReadOnlyList<(KeyTimeline Timeline, long Version)>> LoadAsync(IReadOnlyList<string> keys)
    {
        var batch = Db.CreateBatch();
        var reads = keys.Select(k => batch.HashGetAllAsync(k)).ToList();
        batch.Execute();
        var entries = await Task.WhenAll(reads);
        return entries.Select(TimelineCodec.Decode).ToList();
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

    private static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
