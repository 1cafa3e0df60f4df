using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Storage;

/// <summary>What one apply-facts.lua run did.</summary>
/// <param name="IgnoredByMonth">Facts ignored because their month was final, per month (yyyy-MM).</param>
public sealed record ApplyOutcome(bool AlreadyApplied, long FactsApplied, IReadOnlyDictionary<string, long> IgnoredByMonth)
{
    public static readonly ApplyOutcome Repeat = new(true, 0, new Dictionary<string, long>());

    public long FactsIgnoredFinal => IgnoredByMonth.Values.Sum();
}

/// <summary>
/// Applies facts messages to the month counters (apply-facts.lua); the months' state is <see cref="MonthStore"/>'s.
/// The message is acknowledged after this answers: with <see cref="ReplicaWait"/> enabled, once the replicas hold it.
/// </summary>
public sealed class EngagementStore(IConnectionMultiplexer redis, ReplicaWait? replicas = null)
{
    private static readonly RedisScript ApplyScript = RedisScript.FromResource(typeof(EngagementStore).Assembly, "apply-facts.lua");

    public async Task<ApplyOutcome> ApplyAsync(RedisKey[] keys, RedisValue[] args)
    {
        async Task<RedisResult[]> Apply() => (RedisResult[])(await ApplyScript.EvaluateAsync(redis.GetDatabase(), keys, args))!;
        var result = replicas is null ? await Apply() : await replicas.AfterWriteAsync(keys[0], Apply, r => (long)r[0] != 0);
        if ((long)result[0] == 0)
        {
            return ApplyOutcome.Repeat;
        }
        var ignored = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 2; i + 1 < result.Length; i += 2)
        {
            ignored[(string)result[i]!] = (long)result[i + 1];
        }
        return new ApplyOutcome(false, (long)result[1], ignored);
    }
}
