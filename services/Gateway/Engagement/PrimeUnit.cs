using Streaming.Contracts.Engagement;

namespace Streaming.Gateway.Engagement;

/// <summary>A ranking unit's prime counters in one month and territory, as the engagement service keeps them.</summary>
public sealed record PrimeUnit(string Kind, string Id, long DistinctCustomers, long WatchedMs)
{
    public EngagementScore Score => new(DistinctCustomers, WatchedMs);
}

/// <summary>A unit's streams and watched time of one offer in one month and territory.</summary>
public sealed record OfferCounters(string Kind, string Id, string Offer, long Streams, long WatchedMs);

/// <summary>A unit with its CER (null where the territory has none), in answer order.</summary>
public sealed record RankedUnit(PrimeUnit Unit, int? Cer);
