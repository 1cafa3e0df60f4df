using StackExchange.Redis;
using Streaming.EngagementRanking.Domain;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Storage;

/// <summary>What applying one facts message did.</summary>
/// <param name="IgnoredByMonth">Facts ignored because their month was final, per month (yyyy-MM).</param>
public sealed record ApplyOutcome(bool AlreadyApplied, long FactsApplied, IReadOnlyDictionary<string, long> IgnoredByMonth)
{
    public static readonly ApplyOutcome Repeat = new(true, 0, new Dictionary<string, long>());

    public long FactsIgnoredFinal => IgnoredByMonth.Values.Sum();
}

/// <summary>What the first step decided for each month of a message: the generation its slots count for, or null (late).</summary>
public sealed record FactsPlan(IReadOnlyDictionary<string, long?> Months);

/// <summary>
/// Applies facts messages to the month × territory counters, in three steps that each stay in one slot (docs/architecture.md,
/// "Engagement"): register-facts.lua in the control slot decides which months take the facts and registers their
/// territories; apply-slot.lua applies each month × territory share in its own slot, once (its own marker); once all
/// are applied, finish-facts.lua records the rest of the message and its marker in the control slot. A redelivery after
/// a crash between the steps finds the plan, redoes nothing a slot has done and ends with the finish: each fact is
/// counted, or counted late, exactly once. The months' state is <see cref="MonthStore"/>'s. With <see cref="ReplicaWait"/>
/// enabled every step waits for its slot's replicas before the next, so the message is acknowledged once every slot it
/// wrote is on a replica.
/// </summary>
public sealed class EngagementStore(IConnectionMultiplexer redis, ReplicaWait? replicas = null)
{
    private static readonly RedisScript RegisterScript = RedisScript.FromResource(typeof(EngagementStore).Assembly, "register-facts.lua");
    private static readonly RedisScript SlotScript = RedisScript.FromResource(typeof(EngagementStore).Assembly, "apply-slot.lua");
    private static readonly RedisScript FinishScript = RedisScript.FromResource(typeof(EngagementStore).Assembly, "finish-facts.lua");

    public async Task<ApplyOutcome> ApplyAsync(FactsCommit commit)
    {
        var late = new Dictionary<string, long>(StringComparer.Ordinal);
        long applied = 0;
        if (commit.Digest.Groups.Count > 0)
        {
            if (await RegisterAsync(commit) is not { } plan)
            {
                return ApplyOutcome.Repeat;
            }
            var slots = new List<Task<(string Outcome, long Facts, string Month)>>();
            foreach (var group in commit.Digest.Groups)
            {
                var month = group.Month.ToString();
                if (plan.Months[month] is { } generation)
                {
                    slots.Add(ApplySlotAsync(commit, group, generation));
                }
                else
                {
                    late[month] = late.GetValueOrDefault(month) + group.FactCount;
                }
            }
            foreach (var (outcome, facts, month) in await Task.WhenAll(slots))
            {
                if (outcome == "applied") applied += facts;
                else late[month] = late.GetValueOrDefault(month) + facts;
            }
        }
        return await FinishAsync(commit, applied, late) ? new ApplyOutcome(false, applied, late) : ApplyOutcome.Repeat;
    }

    /// <summary>The first step (register-facts.lua); null when the message was applied before.</summary>
    public async Task<FactsPlan?> RegisterAsync(FactsCommit commit)
    {
        var (keys, args) = commit.Register();
        var result = await ReplicaWait.AfterWriteAsync(replicas, keys[0], () => Eval(RegisterScript, keys, args), r => (long)r[0] != 2);
        if ((long)result[0] == 0)
        {
            return null;
        }
        var months = new Dictionary<string, long?>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < result.Length; i += 2)
        {
            months[(string)result[i]!] = result[i + 1].ToString() == "late" ? null : (long)result[i + 1];
        }
        return new FactsPlan(months);
    }

    /// <summary>One month × territory share (apply-slot.lua): "applied" or "late", with its fact count.</summary>
    public async Task<(string Outcome, long Facts, string Month)> ApplySlotAsync(FactsCommit commit, MonthTerritoryFacts group, long generation)
    {
        var (keys, args) = commit.Slot(group, generation);
        var result = await ReplicaWait.AfterWriteAsync(replicas, keys[0], () => Eval(SlotScript, keys, args), r => (long)r[0] == 1);
        return ((string)result[1]!, (long)result[2], group.Month.ToString());
    }

    /// <summary>The last step (finish-facts.lua); false when the message was applied before.</summary>
    public async Task<bool> FinishAsync(FactsCommit commit, long applied, IReadOnlyDictionary<string, long> lateByMonth)
    {
        var (keys, args) = commit.Finish(applied, lateByMonth);
        var result = await ReplicaWait.AfterWriteAsync(replicas, keys[0], async () => (long)(await FinishScript.EvaluateAsync(redis.GetDatabase(), keys, args)), r => r == 1);
        return result == 1;
    }

    private async Task<RedisResult[]> Eval(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        (RedisResult[])(await script.EvaluateAsync(redis.GetDatabase(), keys, args))!;
}
