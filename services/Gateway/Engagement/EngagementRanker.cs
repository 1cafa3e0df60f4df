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
        // Score descending is CER descending (CER never falls as the score rises), so one sort gives the answer order
        // and the tie groups: a group's B is the number of units after it.
        var ranked = units.Where(u => u.Score.IsRanked).ToArray();
        Array.Sort(ranked, static (a, b) =>
        {
            var order = b.Score.CompareTo(a.Score);
            if (order == 0) order = string.CompareOrdinal(a.Id, b.Id);
            return order != 0 ? order : string.CompareOrdinal(a.Kind, b.Kind);
        });
        var withCer = terms.HasCer(territory);
        var answer = new RankedUnit[ranked.Length];
        for (var start = 0; start < ranked.Length;)
        {
            var end = start;
            while (end + 1 < ranked.Length && ranked[end + 1].Score == ranked[start].Score) end++;
            int? cer = withCer ? CerRanking.Cer(ranked.Length - 1 - end, ranked.Length) : null;
            for (var i = start; i <= end; i++) answer[i] = new RankedUnit(ranked[i], cer);
            start = end + 1;
        }
        return answer;
    }
}
