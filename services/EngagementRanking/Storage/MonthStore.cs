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
/// The months' finality in Redis: the partitions' progress, closing what is due (close-months.lua), an operator's
/// reopen and close, and deleting the customer detail of closed months.
/// </summary>
public sealed class MonthStore(IConnectionMultiplexer redis)
{
    private static readonly RedisScript CloseScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "close-months.lua");
    private static readonly RedisScript ReopenScript = RedisScript.FromResource(typeof(MonthStore).Assembly, "reopen-month.lua");

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
    /// Closes what is due (close-months.lua): open months up to <paramref name="progressFinalThrough"/>, reopened
    /// months whose close was asked for by <paramref name="caughtUpTo"/>. Both null while a partition has not reported.
    /// </summary>
    public async Task<IReadOnlyList<string>> CloseDueAsync(
        string ns, UtcMonth clockFinalThrough, UtcMonth? progressFinalThrough, DateTimeOffset? caughtUpTo, DateTimeOffset now)
    {
        RedisKey[] keys = [Layout.StateKey(ns), Layout.OpenMonths(ns), Layout.FinalMonths(ns), Layout.ReopenedMonths(ns), Layout.ClosedMonths(ns)];
        RedisValue[] args =
        [
            clockFinalThrough.ToString(),
            progressFinalThrough?.ToString() ?? "",
            caughtUpTo is { } c ? c.ToUnixTimeMilliseconds() : "",
            now.ToUnixTimeMilliseconds(),
        ];
        var closed = (RedisResult[])(await CloseScript.EvaluateAsync(Db, keys, args))!;
        return closed.Select(m => (string)m!).ToList();
    }

    /// <summary>Holds a month open for an import (reopen-month.lua); <paramref name="reset"/> deletes its counters first.</summary>
    public async Task<ReopenOutcome> ReopenAsync(string ns, UtcMonth month, UtcMonth clockFinalThrough, bool reset)
    {
        var keys = new List<RedisKey>
        {
            Layout.StateKey(ns), Layout.OpenMonths(ns), Layout.FinalMonths(ns), Layout.ReopenedMonths(ns), Layout.ClosedMonths(ns),
            Layout.Territories(ns, month),
        };
        if (reset)
        {
            foreach (var territory in await Db.SetMembersAsync(Layout.Territories(ns, month)))
            {
                keys.Add(Layout.Prime(ns, month, territory!));
                keys.Add(Layout.Offers(ns, month, territory!));
                keys.Add(Layout.Customers(ns, month, territory!));
            }
        }
        var outcome = (string?)await ReopenScript.EvaluateAsync(Db, [.. keys], [month.ToString(), clockFinalThrough.ToString(), reset ? "1" : "0"]);
        return outcome switch
        {
            "reopened" => ReopenOutcome.Reopened,
            "counted" => ReopenOutcome.Counted,
            _ => throw new InvalidOperationException($"reopen-month.lua answered '{outcome}'"),
        };
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
    /// month goes in one transaction that holds only while it is still final, so a month reopened meanwhile keeps
    /// what its import has written.
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
            var territories = await Db.SetMembersAsync(Layout.Territories(ns, month));
            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.SetContains(Layout.ClosedMonths(ns), name));
            transaction.AddCondition(Condition.HashExists(Layout.FinalMonths(ns), name));
            // UNLINK frees the memory in the background: a month's customer hashes can be large.
            var unlinked = territories.Length > 0
                ? transaction.ExecuteAsync("UNLINK", territories.Select(t => (object)Layout.Customers(ns, month, t!)).ToArray())
                : Task.FromResult(RedisResult.Create(0));
            _ = transaction.SetRemoveAsync(Layout.ClosedMonths(ns), name);
            if (await transaction.ExecuteAsync())
            {
                deleted += (int)await unlinked;
            }
        }
        return deleted;
    }
}
