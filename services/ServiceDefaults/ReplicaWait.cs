using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Holds a commit's acknowledgement until Redis says the write reached <see cref="RedisOptions.WaitForReplicas"/>
/// replicas (<c>WAIT n timeout</c>), so a master's failover loses nothing acknowledged. WAIT counts the replicas that
/// have everything the <em>calling connection</em> wrote, so it must run on the connection that wrote, to the master
/// that took the write: a Lua script cannot call it, and a key-less <c>IDatabase.Execute</c> goes to any node of a
/// cluster. The multiplexer keeps one interactive connection per node, which <c>IServer.Execute</c> on the slot's
/// master uses too. Off (0) by default: a single Redis has no replica.
/// </summary>
public sealed class ReplicaWait(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    private int Replicas => options.Value.WaitForReplicas;

    public bool Enabled => Replicas > 0;

    /// <summary>
    /// Runs <paramref name="write"/> (a command or script on <paramref name="key"/>'s slot) and, when enabled, waits
    /// for the replicas. When <paramref name="wrote"/> says the write changed nothing (its marker showed it applied
    /// before, perhaps by a process that crashed before its WAIT), a small write to the slot comes first, so the WAIT
    /// covers everything the master holds. Fewer replicas within the timeout, or a slot that changed master during
    /// the write (a failover: the write may be lost), throw <see cref="TransientFaultException"/>: retried, not
    /// acknowledged; the writes are idempotent, so the retry is safe.
    /// </summary>
    public async Task<T> AfterWriteAsync<T>(RedisKey key, Func<Task<T>> write, Func<T, bool> wrote)
    {
        if (!Enabled) return await write();
        var db = redis.GetDatabase();
        var before = db.IdentifyEndpoint(key, CommandFlags.DemandMaster);
        var result = await write();
        if (!wrote(result)) await db.StringSetAsync(key.Append(":replica-wait"), "", TimeSpan.FromSeconds(10), flags: CommandFlags.DemandMaster);
        await ConfirmAsync(db, key, before);
        return result;
    }

    /// <summary>Waits for the replicas of <paramref name="key"/>'s slot to hold what the master holds now.</summary>
    public Task ConfirmAsync(RedisKey key) => AfterWriteAsync(key, () => Task.FromResult(false), wrote => wrote);

    private async Task ConfirmAsync(IDatabase db, RedisKey key, EndPoint? before)
    {
        var master = db.IdentifyEndpoint(key, CommandFlags.DemandMaster);
        if (master is null || !master.Equals(before))
        {
            throw new TransientFaultException($"the master of {key}'s slot changed during the write ({before} → {master}): retried");
        }
        var timeout = (long)options.Value.WaitTimeout.TotalMilliseconds;
        var reached = (long)await redis.GetServer(master).ExecuteAsync("WAIT", Replicas, timeout);
        if (reached < Replicas)
        {
            throw new TransientFaultException(string.Create(CultureInfo.InvariantCulture,
                $"a write to {key}'s slot reached {reached} of {Replicas} replicas of {master} within {timeout} ms: not acknowledged, retried"));
        }
    }
}
