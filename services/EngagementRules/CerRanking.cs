namespace Streaming.EngagementRules;

/// <summary>
/// Customer Engagement Ranking, the rule the gateway applies at query time (docs/metrics.md, "CER").
/// <list type="bullet">
/// <item>Ranked: the units of one month and territory with a customer or some watched time
/// (<see cref="EngagementScore.IsRanked"/>); N is their number.</item>
/// <item>Score: distinct customers, then watched milliseconds (<see cref="EngagementScore"/>).</item>
/// <item><c>CER = floor(100 × B / (N − 1))</c>, B the number of other units with a strictly lower score; a lone unit
/// has 100. Tied units share a CER, so two tied units of two both have 0.</item>
/// </list>
/// The answer order is CER descending, then score descending (CER rounds down, so different scores can share one),
/// then unit id and kind (ordinal), so equal units always come in the same order.
/// </summary>
public static class CerRanking
{
    /// <summary>
    /// The ranked <paramref name="units"/> in answer order with their CER, or with a null CER where the territory
    /// has none (<paramref name="withCer"/> false; the order is the same). One sort, O(N log N).
    /// </summary>
    public static IReadOnlyList<RankedUnit> Rank(IEnumerable<PrimeUnit> units, bool withCer)
    {
        var ranked = units.Where(u => u.Score.IsRanked).ToArray();
        Array.Sort(ranked, AnswerOrder);
        var answer = new RankedUnit[ranked.Length];
        // Score descending is CER descending (CER never falls as the score rises), so the sort also lines up the tie
        // groups: a group's B is the number of units after it.
        for (var start = 0; start < ranked.Length;)
        {
            var end = start + 1;
            while (end < ranked.Length && ranked[end].Score == ranked[start].Score) end++;
            int? cer = withCer ? Cer(ranked.Length - end, ranked.Length) : null;
            for (var i = start; i < end; i++) answer[i] = new RankedUnit(ranked[i], cer);
            start = end;
        }
        return answer;
    }

    /// <summary>The CER of a unit that beats <paramref name="lower"/> of the <paramref name="ranked"/> units ranked together.</summary>
    private static int Cer(int lower, int ranked) => ranked == 1 ? 100 : (int)(100L * lower / (ranked - 1));

    private static int AnswerOrder(PrimeUnit a, PrimeUnit b)
    {
        var order = b.Score.CompareTo(a.Score);
        if (order == 0) order = string.CompareOrdinal(a.Id, b.Id);
        return order != 0 ? order : string.CompareOrdinal(a.Kind, b.Kind);
    }
}
