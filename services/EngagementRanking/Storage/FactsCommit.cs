using StackExchange.Redis;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRanking.Domain;
using Streaming.EngagementRules;
using Layout = Streaming.EngagementRules.EngagementLayout;

namespace Streaming.EngagementRanking.Storage;

/// <summary>
/// The KEYS and ARGV of the three steps that apply one digested facts message (each script's header documents them):
/// register-facts.lua in the control slot, apply-slot.lua per month × territory slot, finish-facts.lua in the control
/// slot.
/// </summary>
public sealed class FactsCommit(
    string ns, StreamActivityRecorded message, FactDigest digest, UtcMonth clockFinalThrough, TimeSpan grace, TimeSpan markerRetention)
{
    public FactDigest Digest => digest;

    private long MarkerSeconds => (long)markerRetention.TotalSeconds;

    public (RedisKey[] Keys, RedisValue[] Args) Register()
    {
        var months = digest.Groups.GroupBy(g => g.Month).ToList();
        var keys = new List<RedisKey>
        {
            Layout.BatchMarker(ns, message.BatchId), Layout.BatchPlan(ns, message.BatchId), Layout.StateKey(ns), Layout.OpenMonths(ns),
            Layout.FinalMonths(ns), Layout.ReopenedMonths(ns), Layout.ClosingMonths(ns), Layout.Generations(ns),
        };
        var args = new List<RedisValue> { MarkerSeconds, clockFinalThrough.ToString(), months.Count };
        foreach (var month in months)
        {
            keys.Add(Layout.Territories(ns, month.Key));
            args.Add(month.Key.ToString());
            args.Add((month.Key.End + grace).ToUnixTimeMilliseconds());
            args.Add(month.Count());
            args.AddRange(month.Select(g => (RedisValue)g.Territory));
        }
        return (keys.ToArray(), args.ToArray());
    }

    public (RedisKey[] Keys, RedisValue[] Args) Slot(MonthTerritoryFacts group, long generation)
    {
        RedisKey[] keys =
        [
            Layout.SlotMarker(ns, group.Month, group.Territory, message.BatchId), Layout.SlotStatus(ns, group.Month, group.Territory),
            Layout.Prime(ns, group.Month, group.Territory), Layout.Offers(ns, group.Month, group.Territory),
            Layout.Customers(ns, group.Month, group.Territory),
        ];
        var args = new List<RedisValue> { MarkerSeconds, generation, group.FactCount, group.PrimeStreams.Count };
        foreach (var ((unit, customerId), delta) in group.PrimeStreams)
        {
            args.Add(Layout.CustomerField(unit, customerId));
            args.Add(unit);
            args.Add(delta);
        }
        args.Add(group.PrimeWatchedMs.Count);
        foreach (var (unit, delta) in group.PrimeWatchedMs)
        {
            args.Add(unit);
            args.Add(delta);
        }
        var offers = group.Offers.SelectMany(o => new[]
        {
            (Field: Layout.OfferField(o.Key.Unit, o.Key.Offer, Layout.StreamsSuffix), Delta: o.Value.Streams),
            (Field: Layout.OfferField(o.Key.Unit, o.Key.Offer, Layout.WatchedSuffix), Delta: o.Value.WatchedMs),
        }).Where(o => o.Delta != 0).ToList();
        args.Add(offers.Count);
        foreach (var (field, delta) in offers)
        {
            args.Add(field);
            args.Add(delta);
        }
        return (keys, args.ToArray());
    }

    /// <param name="lateByMonth">Facts turned away per month, by the plan or by closed slots.</param>
    public (RedisKey[] Keys, RedisValue[] Args) Finish(long applied, IReadOnlyDictionary<string, long> lateByMonth)
    {
        RedisKey[] keys =
        [
            Layout.BatchMarker(ns, message.BatchId), Layout.StateKey(ns), Layout.LateFacts(ns), Layout.Progress(ns),
            Layout.SeasonTitles(ns), Layout.BatchPlan(ns, message.BatchId),
        ];
        var args = new List<RedisValue>
        {
            MarkerSeconds,
            clockFinalThrough.ToString(),
            message.Partition is { } partition ? partition : "",
            message.CaughtUpTo is { } caughtUpTo ? caughtUpTo.ToUnixTimeMilliseconds() : "",
            applied,
            lateByMonth.Count,
        };
        foreach (var (month, late) in lateByMonth.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            args.Add(month);
            args.Add(late);
        }
        args.Add(digest.SeasonTitles.Count);
        foreach (var (seasonId, titleId) in digest.SeasonTitles.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            args.Add(seasonId);
            args.Add(titleId);
        }
        return (keys, args.ToArray());
    }
}
