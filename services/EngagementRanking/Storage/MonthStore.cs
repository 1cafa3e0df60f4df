using System.Globalization;
using StackExchange.Redis;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;
using Layout = Streaming.EngagementRules.EngagementLayout;

namespace Streaming.EngagementRanking.Storage;

/// <summary>What an operator's reopen did (reopen-month.lua).</summary>
public enum ReopenOutcome
{
    Reopened,

    /// <summary>The month is final with counters and no reset was asked for: distinct customers could not stay exact.</summary>
    Counted,
}

/// <summary>
/// The months' finality in Redis: the partitions' progress, closing what is due, an operator's reopen and close, and
/// deleting the customer detail of closed months. A month's state is in the control slot {eng}, and each of its
/// territories' slots knows whether it is closed (docs/architecture.md, "Engagement"): a close marks the month closing
/// in the control slot (its facts are late from then on), closes every slot of its territories, then marks it final;
/// a reset goes the same way. Every step is safe to repeat: a check or command that stops midway is finished by the next.
/// With <see cref="ReplicaWait"/> enabled, each slot closed or reset is on a replica before the month moves on.
/// </summary>
public sealed class MonthStore(IConnectionMultiplexer redis, ReplicaWait? replicas = null)
{
    private static readonly RedisScript CloseScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "close-months.lua");
    private static readonly RedisScript CloseSlotScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "close-slot.lua");
    private static readonly RedisScript FinishCloseScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "finish-close.lua");
    private static readonly RedisScript ReopenScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "reopen-month.lua");
    private static readonly RedisScript ResetSlotScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "reset-slot.lua");
    private static readonly RedisScript FinishReopenScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "finish-reopen.lua");
    private static readonly RedisScript DeleteCustomersScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "delete-customers.lua");

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Per playback partition, the time it has caught up to; partitions that never reported are absent.</summary>
    public async Task<Dictionary<int, DateTimeOffset>> ProgressAsync(string ns)
    {
        var progress = new Dictionary<int, DateTimeOffset>();
        foreach (var entry in await Db.HashGetAllAsync(Layout.Progress(ns)))
        {
            if (int.TryParse((string?)entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var partition) && entry.Value.TryParse(out long ms))
            {
                progress[partition] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }
        return progress;
    }

    /// <summary>
    /// Closes what is due: open months up to <paramref name="progressFinalThrough"/>, reopened months whose close was
    /// asked for by <paramref name="caughtUpTo"/> (both null while a partition has not reported), and any month an
    /// earlier run left closing. Returns the months made final.
    /// </summary>
    public async Task<IReadOnlyList<string>> CloseDueAsync(
        string ns, UtcMonth clockFinalThrough, UtcMonth? progressFinalThrough, DateTimeOffset? caughtUpTo, DateTimeOffset now)
    {
        var closing = await StartClosingAsync(ns, clockFinalThrough, progressFinalThrough, caughtUpTo);
        if (closing.Count == 0)
        {
            return [];
        }
        foreach (var (month, generation) in closing)
        {
            await CloseSlotsAsync(ns, month, generation);
        }
        return await FinishClosingAsync(ns, closing, now);
    }

    /// <summary>The first step of a close (close-months.lua): the months closing and their generation.</summary>
    public async Task<IReadOnlyList<(UtcMonth Month, long Generation)>> StartClosingAsync(
        string ns, UtcMonth clockFinalThrough, UtcMonth? progressFinalThrough, DateTimeOffset? caughtUpTo)
    {
        RedisKey[] keys = [Layout.StateKey(ns), Layout.OpenMonths(ns), Layout.ReopenedMonths(ns), Layout.ClosingMonths(ns), Layout.Generations(ns)];
        RedisValue[] args =
        [
            clockFinalThrough.ToString(),
            progressFinalThrough?.ToString() ?? "",
            caughtUpTo is { } c ? c.ToUnixTimeMilliseconds() : "",
        ];
        var result = (RedisResult[])(await WriteAsync(Layout.StateKey(ns), () => CloseScript.EvaluateAsync(Db, keys, args)))!;
        var closing = new List<(UtcMonth, long)>();
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            if (UtcMonth.TryParse((string?)result[i], out var month)) closing.Add((month, (long)result[i + 1]));
        }
        return closing;
    }

    /// <summary>The second step: every slot of the month's territories closed for <paramref name="generation"/> (close-slot.lua).</summary>
    public async Task CloseSlotsAsync(string ns, UtcMonth month, long generation)
    {
        foreach (var territory in await Db.SetMembersAsync(Layout.Territories(ns, month)))
        {
            RedisKey status = Layout.SlotStatus(ns, month, territory!);
            await WriteAsync(status, () => CloseSlotScript.EvaluateAsync(Db, [status], [generation]));
        }
    }

    /// <summary>The last step (finish-close.lua): the months final.</summary>
    public async Task<IReadOnlyList<string>> FinishClosingAsync(string ns, IReadOnlyList<(UtcMonth Month, long Generation)> closing, DateTimeOffset now)
    {
        RedisKey[] keys = [Layout.ClosingMonths(ns), Layout.FinalMonths(ns), Layout.ClosedMonths(ns), Layout.Generations(ns)];
        var args = new List<RedisValue> { now.ToUnixTimeMilliseconds() };
        foreach (var (month, generation) in closing)
        {
            args.Add(month.ToString());
            args.Add(generation);
        }
        var final = (RedisResult[])(await WriteAsync(keys[0], () => FinishCloseScript.EvaluateAsync(Db, keys, [.. args])))!;
        return final.Select(m => (string)m!).ToList();
    }

    /// <summary>
    /// Holds a month open for an import (reopen-month.lua); <paramref name="reset"/> deletes its counters first, slot
    /// by slot (reset-slot.lua), its facts late meanwhile (finish-reopen.lua ends that).
    /// </summary>
    public async Task<ReopenOutcome> ReopenAsync(string ns, UtcMonth month, UtcMonth clockFinalThrough, bool reset)
    {
        RedisKey[] keys =
        [
            Layout.StateKey(ns), Layout.OpenMonths(ns), Layout.FinalMonths(ns), Layout.ReopenedMonths(ns), Layout.ClosedMonths(ns),
            Layout.Territories(ns, month), Layout.ClosingMonths(ns), Layout.Generations(ns),
        ];
        var result = (RedisResult[])(await WriteAsync(keys[0],
            () => ReopenScript.EvaluateAsync(Db, keys, [month.ToString(), clockFinalThrough.ToString(), reset ? "1" : "0"])))!;
        switch ((string?)result[0])
        {
            case "reopened":
                return ReopenOutcome.Reopened;
            case "counted":
                return ReopenOutcome.Counted;
            case "reset":
                var generation = (long)result[1];
                foreach (var territory in result.Skip(2).Select(t => (string)t!))
                {
                    RedisKey[] slot =
                    [
                        Layout.SlotStatus(ns, month, territory), Layout.Prime(ns, month, territory), Layout.Offers(ns, month, territory),
                        Layout.Customers(ns, month, territory),
                    ];
                    await WriteAsync(slot[0], () => ResetSlotScript.EvaluateAsync(Db, slot, [generation, Guid.NewGuid().ToString("N")]));
                }
                RedisKey[] finish = [Layout.ClosingMonths(ns), Layout.ReopenedMonths(ns), Layout.Territories(ns, month)];
                await WriteAsync(finish[0], () => FinishReopenScript.EvaluateAsync(Db, finish, [month.ToString()]));
                return ReopenOutcome.Reopened;
            default:
                throw new InvalidOperationException($"reopen-month.lua answered '{result[0]}'");
        }
    }

    /// <summary>
    /// Asks for a reopened month to close once every partition has caught up to <paramref name="asOf"/>; false when
    /// the month is not reopened.
    /// </summary>
    public async Task<bool> RequestCloseAsync(string ns, UtcMonth month, DateTimeOffset asOf)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashExists(Layout.ReopenedMonths(ns), month.ToString()));
        _ = transaction.HashSetAsync(Layout.ReopenedMonths(ns), month.ToString(), asOf.ToUnixTimeMilliseconds());
        return await transaction.ExecuteAsync();
    }

    /// <summary>
    /// Deletes the per-customer hashes of months that became final: nothing reads or writes them any more, and they
    /// are by far the largest keys. Safe to repeat; a crash before the end leaves the month in the closed set. Each
    /// slot deletes its own only while it is still closed (delete-customers.lua), so a slot reset meanwhile keeps what
    /// its import has written; the month leaves the closed set only while it is still final.
    /// </summary>
    public async Task<int> DeleteCustomersOfClosedMonthsAsync(string ns)
    {
        var deleted = 0;
        foreach (var name in await Db.SetMembersAsync(Layout.ClosedMonths(ns)))
        {
            if (!UtcMonth.TryParse(name, out var month))
            {
                await Db.SetRemoveAsync(Layout.ClosedMonths(ns), name);
                continue;
            }
            foreach (var territory in await Db.SetMembersAsync(Layout.Territories(ns, month)))
            {
                deleted += (int)await DeleteCustomersScript.EvaluateAsync(Db,
                    [Layout.SlotStatus(ns, month, territory!), Layout.Customers(ns, month, territory!)], []);
            }
            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.HashExists(Layout.FinalMonths(ns), name));
            _ = transaction.SetRemoveAsync(Layout.ClosedMonths(ns), name);
            await transaction.ExecuteAsync();
        }
        return deleted;
    }

    /// <summary>A write to the month's state or a slot, waited on for its replicas (every one changes something).</summary>
    private Task<RedisResult> WriteAsync(RedisKey key, Func<Task<RedisResult>> write) =>
        ReplicaWait.AfterWriteAsync(replicas, key, write, _ => true);
}
