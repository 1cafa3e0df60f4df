using System.Reflection;
using StackExchange.Redis;
using Streaming.Subscriptions.Domain;

namespace Streaming.Subscriptions.Storage;

public enum CommitOutcome
{
    Applied,
    AlreadyApplied,
    Conflict,
}

/// <summary>Reads subscriber timelines and commits batches; the only class that talks to Redis for subscriptions.</summary>
public sealed class TimelineStore(IConnectionMultiplexer redis)
{
    private static readonly string CommitScript = ReadScript("commit-batch.lua");

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Loads several timelines in one round trip.</summary>
    public async Task<IReadOnlyList<(SubscriberTimeline Timeline, long Version)>> LoadAsync(IReadOnlyList<string> keys)
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

    private static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
