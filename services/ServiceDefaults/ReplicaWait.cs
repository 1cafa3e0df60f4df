using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<EndPoint, MasterWaits> _masters = new();

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
        // The multiplexer's slot map, no round trip (IdentifyEndpoint would send one, synchronously, and queue it behind
        // a running WAIT).
        var before = redis.GetServer(key, flags: CommandFlags.DemandMaster).EndPoint;
        var result = await write();
        if (!wrote(result)) await db.StringSetAsync(key.Append(":replica-wait"), "", TimeSpan.FromSeconds(10), flags: CommandFlags.DemandMaster);
        await ConfirmAsync(key, before);
        return result;
    }

    /// <summary>
    /// <see cref="AfterWriteAsync{T}(RedisKey, Func{Task{T}}, Func{T, bool})"/> on <paramref name="replicas"/>, or the
    /// write alone for a store built without one (as tests build them).
    /// </summary>
    public static Task<T> AfterWriteAsync<T>(ReplicaWait? replicas, RedisKey key, Func<Task<T>> write, Func<T, bool> wrote) =>
        replicas is null ? write() : replicas.AfterWriteAsync(key, write, wrote);

    /// <summary>Waits for the replicas of <paramref name="key"/>'s slot to hold what the master holds now.</summary>
    public Task ConfirmAsync(RedisKey key) => AfterWriteAsync(key, () => Task.FromResult(false), wrote => wrote);

    private async Task ConfirmAsync(RedisKey key, EndPoint before)
    {
        var server = redis.GetServer(key, flags: CommandFlags.DemandMaster);
        var master = server.EndPoint;
        if (!master.Equals(before))
        {
            throw new TransientFaultException($"the master of {key}'s slot changed during the write ({before} → {master}): retried");
        }
        var reached = await _masters.GetOrAdd(master, _ => new MasterWaits(server)).WaitAsync(Replicas, options.Value.WaitTimeout);
        if (reached < Replicas)
        {
            throw new TransientFaultException(string.Create(CultureInfo.InvariantCulture,
                $"a write to {key}'s slot reached {reached} of {Replicas} replicas of {master} within {options.Value.WaitTimeout.TotalMilliseconds} ms: not acknowledged, retried"));
        }
    }

    /// <summary>
    /// One master's WAITs, one at a time, each covering every write answered before it was sent. WAIT blocks the
    /// connection it runs on, which the multiplexer shares between all the process's commands to that master: one WAIT
    /// per commit would put the commits of all partitions on the master in single file behind each other's replica
    /// round trips. A commit takes a ticket once its write is answered; a WAIT sent later covers it (one connection
    /// keeps order), so a commit whose ticket an earlier success covered needs none of its own (group commit).
    /// </summary>
    private sealed class MasterWaits(IServer server)
    {
        private readonly SemaphoreSlim _one = new(1, 1);
        private long _answered;
        private long _covered;
        private long _failedThrough;
        private long _failedReached;

        public async Task<long> WaitAsync(int replicas, TimeSpan timeout)
        {
            var ticket = Interlocked.Increment(ref _answered);
            await _one.WaitAsync();
            try
            {
                if (_covered >= ticket) return replicas;
                if (_failedThrough >= ticket) return _failedReached; // that WAIT was sent after this write: same answer
                var through = Volatile.Read(ref _answered);
                var reached = (long)await server.ExecuteAsync("WAIT", replicas, (long)timeout.TotalMilliseconds);
                if (reached >= replicas) _covered = through;
                else (_failedThrough, _failedReached) = (through, reached);
                return reached;
            }
            finally
            {
                _one.Release();
            }
        }
    }
}
