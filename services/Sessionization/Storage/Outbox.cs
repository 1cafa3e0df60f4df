using StackExchange.Redis;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// The partitions' outboxes (<see cref="SessionKeys.Outbox"/>): derived facts the commit script stored with their batch,
/// read back and removed once published.
/// </summary>
public sealed class Outbox(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<HashEntry[]> PendingAsync(string outboxKey) => await Db.HashGetAllAsync(outboxKey);

    public Task RemoveAsync(string outboxKey, string batchId) => Db.HashDeleteAsync(outboxKey, batchId);

    /// <summary>
    /// Without waiting for the answer: if the removal is lost, the facts are published once more at the next start
    /// and consumers drop the repeat by its BatchId.
    /// </summary>
    public void RemoveInBackground(string outboxKey, string batchId) => Db.HashDelete(outboxKey, batchId, CommandFlags.FireAndForget);
}
