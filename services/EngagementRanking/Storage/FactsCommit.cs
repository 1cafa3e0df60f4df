using StackExchange.Redis;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRanking.Domain;
using Streaming.EngagementRules;
using Layout = Streaming.EngagementRules.EngagementLayout;

namespace Streaming.EngagementRanking.Storage;

/// <summary>The KEYS and ARGV of apply-facts.lua for one digested facts message (its header documents the layout).</summary>
public static class FactsCommit
{
    /// <param name="clockFinalThrough">The newest month the wall clock alone makes final: final_through where there is none yet.</param>
    public static (RedisKey[] Keys, RedisValue[] Args) Build(
        string ns, StreamActivityRecorded message, FactDigest digest, UtcMonth clockFinalThrough, TimeSpan grace, TimeSpan markerRetention)
    {
        var keys = new List<RedisKey>(8 + 4 * digest.Groups.Count)
        {
            Layout.BatchMarker(ns, message.BatchId), Layout.StateKey(ns), Layout.OpenMonths(ns), Layout.FinalMonths(ns),
            Layout.ReopenedMonths(ns), Layout.LateFacts(ns), Layout.Progress(ns),
        };
        var args = new List<RedisValue>
        {
            (long)markerRetention.TotalSeconds,
            clockFinalThrough.ToString(),
            message.Partition is { } partition ? partition : "",
            message.CaughtUpTo is { } caughtUpTo ? caughtUpTo.ToUnixTimeMilliseconds() : "",
            digest.Groups.Count,
        };
        foreach (var group in digest.Groups)
        {
            keys.Add(Layout.Prime(ns, group.Month, group.Territory));
            keys.Add(Layout.Offers(ns, group.Month, group.Territory));
            keys.Add(Layout.Customers(ns, group.Month, group.Territory));
            keys.Add(Layout.Territories(ns, group.Month));
            args.Add(group.Month.ToString());
            args.Add(group.Territory);
            args.Add((group.Month.End + grace).ToUnixTimeMilliseconds());
            args.Add(group.FactCount);

            args.Add(group.PrimeStreams.Count);
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
        }
        keys.Add(Layout.SeasonTitles(ns));
        args.Add(digest.SeasonTitles.Count);
        foreach (var (seasonId, titleId) in digest.SeasonTitles.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            args.Add(seasonId);
            args.Add(titleId);
        }
        return (keys.ToArray(), args.ToArray());
    }
}
