using System.Globalization;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

/// <summary>
/// The partition count the data of a namespace was written with, stored beside it: string key
/// <c>{ns}pipeline:partitions</c>, no expiry (an expired count would let a service with another count in). Stream
/// keys are routed to partitions by the count, so state written under one count is invisible (or counted again)
/// under another: the count is part of the data.
/// </summary>
public sealed class PartitionCountStore(IConnectionMultiplexer redis)
{
    public static string Key(string prefix) => prefix + "pipeline:partitions";

    /// <summary>Records <paramref name="configured"/> unless a count is stored already; returns the stored count.</summary>
    public async Task<int> RecordOrReadAsync(string prefix, int configured)
    {
        var db = redis.GetDatabase();
        var key = Key(prefix);
        if (await db.StringSetAsync(key, configured, when: When.NotExists)) return configured;
        return Parse(key, await db.StringGetAsync(key)) ?? configured;
    }

    /// <summary>The stored count, or null when no service of the namespace has started yet.</summary>
    public async Task<int?> ReadAsync(string prefix)
    {
        var key = Key(prefix);
        return Parse(key, await redis.GetDatabase().StringGetAsync(key));
    }

    /// <summary>Stores <paramref name="to"/> if the stored count is <paramref name="from"/> (one atomic compare-and-set).</summary>
    public async Task<bool> ChangeAsync(string prefix, int from, int to)
    {
        var key = Key(prefix);
        // WATCH-based, not ValueCondition.Equal: that needs Redis 8.4, and deployments run 7.
#pragma warning disable SER301
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(key, from));
        _ = transaction.StringSetAsync(key, to);
#pragma warning restore SER301
        return await transaction.ExecuteAsync();
    }

    private static int? Parse(string key, RedisValue value) =>
        value.IsNull ? null
        : int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count
        : throw new InvalidOperationException($"Redis key {key} holds '{value}', not a partition count");
}
