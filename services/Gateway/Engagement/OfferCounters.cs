namespace Streaming.Gateway.Engagement;

/// <summary>A unit's streams and watched time of one offer in one month and territory.</summary>
public sealed record OfferCounters(string Kind, string Id, string Offer, long Streams, long WatchedMs);
