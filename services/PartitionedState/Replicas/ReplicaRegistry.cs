using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Replicas;

/// <summary>
/// The live replicas of one partitioned service, in Redis: a sorted set <c>{ns}replicas:{service}</c> mapping each
/// replica's id to when its entry expires (Redis's clock, <see cref="PipelineOptions.ReplicaExpiry"/> after its last
/// heartbeat). One key per service and namespace, so it sits in one slot of a Redis Cluster; it expires as a whole
/// when every replica has stopped beating.
/// </summary>
public sealed class ReplicaRegistry(IConnectionMultiplexer redis)
{
    private static readonly RedisScript Heartbeat = RedisScript.FromResource(typeof(ReplicaRegistry).Assembly, "replica-heartbeat.lua");

    public static string Key(string prefix, string service) => $"{prefix}replicas:{service}";

    /// <summary>Renews <paramref name="replica"/>'s entry, drops expired ones, and returns the live members (itself included).</summary>
    public async Task<IReadOnlyList<string>> BeatAsync(string key, string replica, TimeSpan expiry)
    {
        var result = await Heartbeat.EvaluateAsync(redis.GetDatabase(), [key], [replica, (long)expiry.TotalMilliseconds]);
        return [.. ((RedisValue[])result!).Select(v => v.ToString())];
    }

    /// <summary>Removes <paramref name="replica"/>'s entry: the others take its partitions at their next heartbeat.</summary>
    public Task LeaveAsync(string key, string replica) => redis.GetDatabase().SortedSetRemoveAsync(key, replica);
}
