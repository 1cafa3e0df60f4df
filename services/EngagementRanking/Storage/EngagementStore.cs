using StackExchange.Redis;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;
using Layout = Streaming.EngagementRules.EngagementLayout;

namespace Streaming.EngagementRanking.Storage;

/// <summary>What one apply-facts.lua run did.</summary>
public sealed record ApplyOutcome(bool AlreadyApplied, long FactsApplied, long FactsIgnoredFinal, long? WatermarkMs, IReadOnlyList<string> MonthsClosed)
{
    public static readonly ApplyOutcome Repeat = new(true, 0, 0, null, []);
}

/// <summary>Applies facts messages and deletes the customer detail of final months; the service's only Redis access.</summary>
public sealed class EngagementStore(IConnectionMultiplexer redis)
{
    private static readonly RedisScript ApplyScript = RedisScript.FromResource(typeof(EngagementStore).Assembly, "apply-facts.lua");

    private IDatabase Db => redis.GetDatabase();

    public async Task<ApplyOutcome> ApplyAsync(RedisKey[] keys, RedisValue[] args)
    {
        var result = (RedisResult[])(await ApplyScript.EvaluateAsync(Db, keys, args))!;
        if ((long)result[0] == 0)
        {
            return ApplyOutcome.Repeat;
        }
        var watermark = (long)result[3];
        return new ApplyOutcome(false, (long)result[1], (long)result[2], watermark < 0 ? null : watermark,
            result.Skip(4).Select(r => (string)r!).ToList());
    }

    /// <summary>
    /// Deletes the per-customer hashes of months that became final: nothing reads or writes them any more, and they
    /// are by far the largest keys. Safe to repeat; a crash before the end leaves the month in the closed set.
    /// </summary>
    public async Task<int> DeleteCustomersOfClosedMonthsAsync(string ns)
    {
        var deleted = 0;
        foreach (var name in await Db.SetMembersAsync(Layout.ClosedMonths(ns)))
        {
            if (!UtcMonth.TryParse(name, out var month))
            {
                continue;
            }
            var territories = await Db.SetMembersAsync(Layout.Territories(ns, month));
            var keys = territories.Select(t => (object)Layout.Customers(ns, month, t!)).ToArray();
            if (keys.Length > 0)
            {
                // UNLINK frees the memory in the background: a month's customer hashes can be large.
                deleted += (int)await Db.ExecuteAsync("UNLINK", keys);
            }
            await Db.SetRemoveAsync(Layout.ClosedMonths(ns), name);
        }
        return deleted;
    }
}
