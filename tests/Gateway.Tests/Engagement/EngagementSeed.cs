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

    public Task OpenAsync(UtcMonth month) => redis.HashSetAsync(EngagementLayout.OpenMonths(ns), month.ToString(), MonthFinality.ClosesAtMs(month, TimeSpan.FromHours(1)));

    public Task FinalAsync(UtcMonth month) => redis.HashSetAsync(EngagementLayout.FinalMonths(ns), month.ToString(), MonthFinality.ClosesAtMs(month, TimeSpan.FromHours(1)));

    public Task WatermarkAsync(DateTimeOffset watermark, TimeSpan lateness) => redis.HashSetAsync(EngagementLayout.StateKey(ns),
    [
        new(EngagementLayout.State.Watermark, watermark.ToUnixTimeMilliseconds()),
        new(EngagementLayout.State.LatenessMs, (long)lateness.TotalMilliseconds),
    ]);
}
