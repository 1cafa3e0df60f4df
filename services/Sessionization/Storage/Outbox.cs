using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// The partitions' outboxes (<see cref="SessionKeys.Outbox"/>): derived facts the commit script stored with their batch,
/// read back and removed once their publication is confirmed; and beside each, the entries set aside because they
/// cannot be published, its dead-letter hash (<see cref="SessionKeys.OutboxDeadLetter"/>).
/// </summary>
public sealed class Outbox(IConnectionMultiplexer redis)
{
    private static readonly RedisScript MoveScript = RedisScript.FromResource(typeof(Outbox).Assembly, "move-outbox-entry.lua");

    private IDatabase Db => redis.GetDatabase();

    public async Task<HashEntry[]> PendingAsync(string outboxKey) => await Db.HashGetAllAsync(outboxKey);

    /// <summary>Removes the entries in one command; how many were there to remove.</summary>
    public Task<long> RemoveAsync(string outboxKey, IReadOnlyList<string> batchIds) =>
        Db.HashDeleteAsync(outboxKey, [.. batchIds.Select(id => (RedisValue)id)]);

    /// <summary>Moves one entry, as it is, from one hash to the other in one step (set aside, or replayed by an operator).</summary>
    public async Task<bool> MoveAsync(string fromKey, string toKey, string batchId) =>
        (long)await MoveScript.EvaluateAsync(Db, [fromKey, toKey], [batchId]) == 1;
}
