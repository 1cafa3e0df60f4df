namespace Streaming.EngagementRules;

/// <summary>
/// A ranking unit's prime counters in one month and territory, as the engagement service keeps them: <see cref="Kind"/>
/// is title or season.
/// </summary>
public sealed record PrimeUnit(string Kind, string Id, long DistinctCustomers, long WatchedMs)
{
    public EngagementScore Score => new(DistinctCustomers, WatchedMs);
}

/// <summary>A unit with its CER (null where the territory has none), in answer order.</summary>
public sealed record RankedUnit(PrimeUnit Unit, int? Cer);
