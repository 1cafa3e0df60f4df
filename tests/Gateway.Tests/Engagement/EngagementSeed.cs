using StackExchange.Redis;

namespace Streaming.Gateway.Tests.Engagement;

/// <summary>Writes engagement counters by hand, in the layout the engagement service writes.</summary>
internal sealed class EngagementSeed(IDatabase redis, string ns)
{
    public async Task PrimeAsync(UtcMonth month, string territory, params (string Kind, string Id, long Customers, long WatchedMs)[] units)
    {
        await redis.SetAddAsync(EngagementLayout.Territories(ns, month), territory);
        await redis.HashSetAsync(EngagementLayout.Prime(ns, month, territory),
            units.Select(u => new HashEntry(EngagementLayout.Unit(u.Kind, u.Id), EngagementLayout.PrimeValue(u.Customers, u.WatchedMs))).ToArray());
    }

    public async Task OffersAsync(UtcMonth month, string territory, params (string Kind, string Id, string Offer, long Streams, long WatchedMs)[] cells)
    {
        await redis.SetAddAsync(EngagementLayout.Territories(ns, month), territory);
        await redis.HashSetAsync(EngagementLayout.Offers(ns, month, territory), cells.SelectMany(c => new HashEntry[]
        {
            new(EngagementLayout.OfferField(EngagementLayout.Unit(c.Kind, c.Id), c.Offer, EngagementLayout.StreamsSuffix), c.Streams),
            new(EngagementLayout.OfferField(EngagementLayout.Unit(c.Kind, c.Id), c.Offer, EngagementLayout.WatchedSuffix), c.WatchedMs),
        }).ToArray());
    }

    /// <summary>Gives the territory-month's prime counters a version, as counting a message there does.</summary>
    public Task VersionAsync(UtcMonth month, string territory, string version) =>
        redis.HashSetAsync(EngagementLayout.SlotStatus(ns, month, territory), EngagementLayout.SlotVersionField, version);

    /// <summary>The month has facts and waits for its close (the value, its deadline, is for operators).</summary>
    public Task OpenAsync(UtcMonth month) => redis.HashSetAsync(EngagementLayout.OpenMonths(ns), month.ToString(), 0);

    /// <summary>Closed: the open record goes, the final one comes.</summary>
    public async Task FinalAsync(UtcMonth month)
    {
        await redis.HashDeleteAsync(EngagementLayout.OpenMonths(ns), month.ToString());
        await redis.HashSetAsync(EngagementLayout.FinalMonths(ns), month.ToString(), 0);
    }

    public Task ReopenedAsync(UtcMonth month) => redis.HashSetAsync(EngagementLayout.ReopenedMonths(ns), month.ToString(), 0);

    public Task FinalThroughAsync(UtcMonth month) =>
        redis.HashSetAsync(EngagementLayout.StateKey(ns), EngagementLayout.State.FinalThrough, month.ToString());

    public Task LateFactsAsync(UtcMonth month, long facts) => redis.HashSetAsync(EngagementLayout.LateFacts(ns), month.ToString(), facts);
}
