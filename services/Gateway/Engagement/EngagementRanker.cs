using Streaming.Contracts.Engagement;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Ranks a month's units in one territory at query time, so a rank is never older than the counters it is read with.
/// Units with neither a customer nor watched time are not ranked. Order: CER descending; then score (distinct
/// customers, then minutes) descending, which also orders territories without a CER; then unit id and kind
/// (ordinal), so equal units always come in the same order.
/// </summary>
public static class EngagementRanker
{
    public static IReadOnlyList<RankedUnit> Rank(string territory, IEnumerable<PrimeUnit> units, EngagementTerms terms)
    {
        var ranked = units.Where(u => u.Score.IsRanked).ToList();
        var cers = terms.HasCer(territory) ? CerRanking.Rank(ranked.Select(u => u.Score).ToList()) : null;
        var answer = ranked.Select((unit, i) => new RankedUnit(unit, cers?[i])).ToList();
        answer.Sort(static (a, b) =>
        {
            var order = (b.Cer ?? 0).CompareTo(a.Cer ?? 0);
            if (order == 0) order = b.Unit.Score.CompareTo(a.Unit.Score);
            if (order == 0) order = string.CompareOrdinal(a.Unit.Id, b.Unit.Id);
            return order != 0 ? order : string.CompareOrdinal(a.Unit.Kind, b.Unit.Kind);
        });
        return answer;
    }
}
