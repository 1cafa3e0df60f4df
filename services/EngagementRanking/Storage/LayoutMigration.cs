using StackExchange.Redis;
using Streaming.EngagementRules;
using Layout = Streaming.EngagementRules.EngagementLayout;

namespace Streaming.EngagementRanking.Storage;

/// <summary>
/// Moves a namespace written before the split (every counter under {eng}: <see cref="Layout.Legacy"/>) into the
/// month × territory slots, then records <c>layout</c> = 2 in the state hash. Each territory-month's prime, offers and
/// customers hashes are copied whole (DUMP, RESTORE … REPLACE) and the old key is then deleted; the slot of a month
/// that was final is closed. Run under a lock, before the service applies anything, while no process of the old
/// version runs: nothing writes the old keys then, so a migration that stops midway is safely run again from the start
/// (a copy repeated from an unchanged old key is the same copy). The months with territories are exactly the open,
/// final and reopened ones (the old apply recorded a month as open whenever it added a territory), so no SCAN is needed.
/// </summary>
public sealed class LayoutMigration(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan LockTime = TimeSpan.FromMinutes(5);

    private IDatabase Db => redis.GetDatabase();

    public static string LockKey(string ns) => $"{ns}eng:{{eng}}:layout-migration";

    /// <summary>
    /// Migrates <paramref name="ns"/> unless it is in the current layout; waits while another process migrates it.
    /// Returns the territory-months moved (0 when there was nothing to move).
    /// </summary>
    public async Task<int> RunAsync(string ns, CancellationToken cancellationToken = default)
    {
        var token = Guid.NewGuid().ToString("N");
        while (true)
        {
            if (await IsCurrentAsync(ns)) return 0;
            if (await Db.LockTakeAsync(LockKey(ns), token, LockTime)) break;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        try
        {
            if (await IsCurrentAsync(ns)) return 0;
            var moved = 0;
            var state = await Db.HashGetAsync(Layout.StateKey(ns), Layout.State.FinalThrough);
            UtcMonth? finalThrough = UtcMonth.TryParse((string?)state, out var f) ? f : null;
            var open = await Db.HashKeysAsync(Layout.OpenMonths(ns));
            var final = await Db.HashKeysAsync(Layout.FinalMonths(ns));
            var reopened = await Db.HashKeysAsync(Layout.ReopenedMonths(ns));
            foreach (var name in open.Concat(final).Concat(reopened).Select(m => (string)m!).Distinct(StringComparer.Ordinal))
            {
                if (!UtcMonth.TryParse(name, out var month)) continue;
                var record = reopened.Contains(name) ? MonthRecord.Reopened : final.Contains(name) ? MonthRecord.Final
                    : open.Contains(name) ? MonthRecord.Open : MonthRecord.None;
                var isFinal = MonthFinality.IsFinal(month, record, finalThrough);
                foreach (var territory in await Db.SetMembersAsync(Layout.Territories(ns, month)))
                {
                    await MoveAsync(Layout.Legacy.Prime(ns, month, territory!), Layout.Prime(ns, month, territory!));
                    await MoveAsync(Layout.Legacy.Offers(ns, month, territory!), Layout.Offers(ns, month, territory!));
                    await MoveAsync(Layout.Legacy.Customers(ns, month, territory!), Layout.Customers(ns, month, territory!));
                    if (isFinal)
                    {
                        await Db.HashSetAsync(Layout.SlotStatus(ns, month, territory!), [new("gen", 0), new("final", 1)]);
                    }
                    moved++;
                }
                await Db.LockExtendAsync(LockKey(ns), token, LockTime);
            }
            await Db.HashSetAsync(Layout.StateKey(ns), Layout.LayoutField, Layout.CurrentLayout);
            return moved;
        }
        finally
        {
            await Db.LockReleaseAsync(LockKey(ns), token);
        }
    }

    private async Task<bool> IsCurrentAsync(string ns) =>
        (int?)await Db.HashGetAsync(Layout.StateKey(ns), Layout.LayoutField) >= Layout.CurrentLayout;

    private async Task MoveAsync(RedisKey from, RedisKey to)
    {
        var dump = await Db.KeyDumpAsync(from);
        if (dump is null) return;
        await Db.ExecuteAsync("RESTORE", to, 0, dump, "REPLACE");
        await Db.KeyDeleteAsync(from);
    }
}
