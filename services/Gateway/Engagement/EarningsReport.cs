using Streaming.Contracts.Playback;
using Streaming.EngagementRules;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Engagement;

/// <summary>One territory's counters of a month: the prime units CER ranks and every unit × offer.</summary>
public sealed record TerritoryEarnings(string Territory, IReadOnlyList<PrimeUnit> Prime, IReadOnlyList<OfferCounters> Offers);

/// <summary>
/// One row of the earnings report. CER and the royalty belong to prime rows: CER ranks prime engagement and only
/// prime has a rate; both are null elsewhere, as is CER in territories without one and the royalty (and its
/// currency) where the rate card has no rate. <c>UnitKind</c> (title or season) is not a column: it says whose row it is.
/// </summary>
public sealed record EarningsRow(
    string Month, string Territory, string UnitId, string Offer, long UniqueStreams, decimal HoursStreamed, int? Cer, decimal? EstimatedRoyalty, string? Currency,
    string UnitKind);

/// <summary>The rows of <c>GET /v1/reports/earnings</c>: per territory, unit and offer, in that order. No I/O.</summary>
public static class EarningsReport
{
    public static IReadOnlyList<EarningsRow> Build(UtcMonth month, IEnumerable<TerritoryEarnings> territories, EngagementTerms terms)
    {
        var rows = new List<EarningsRow>();
        foreach (var territory in territories.OrderBy(t => t.Territory, StringComparer.Ordinal))
        {
            var cers = CerRanking.Rank(territory.Prime, terms.HasCer(territory.Territory))
                .ToDictionary(r => (r.Unit.Kind, r.Unit.Id), r => r.Cer);
            var offers = territory.Offers
                .Where(o => o.Streams != 0 || o.WatchedMs != 0)
                .OrderBy(o => o.Id, StringComparer.Ordinal)
                .ThenBy(o => o.Kind, StringComparer.Ordinal)
                .ThenBy(o => OfferRank(o.Offer))
                .ThenBy(o => o.Offer, StringComparer.Ordinal);
            foreach (var o in offers)
            {
                var prime = o.Offer == PlaybackOffers.Prime;
                var cer = prime ? cers.GetValueOrDefault((o.Kind, o.Id)) : null;
                var royalty = prime ? terms.Estimate(territory.Territory, cer, o.WatchedMs) : null;
                rows.Add(new EarningsRow(month.ToString(), territory.Territory, o.Id, o.Offer, o.Streams,
                    WatchedTime.Hours(o.WatchedMs), cer, royalty?.Amount, royalty?.Currency, o.Kind));
            }
        }
        return rows;
    }

    /// <summary>The offer's place in <see cref="PlaybackOffers.All"/>; an unknown offer comes last.</summary>
    private static int OfferRank(string offer)
    {
        var rank = 0;
        while (rank < PlaybackOffers.All.Count && PlaybackOffers.All[rank] != offer) rank++;
        return rank;
    }
}
