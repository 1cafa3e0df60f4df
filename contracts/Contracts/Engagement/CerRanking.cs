namespace Streaming.Contracts.Engagement;

/// <summary>
/// Customer Engagement Ranking: <c>CER = floor(100 × B / (N − 1))</c>, where N is the number of units ranked together
/// and B the number of other units with a strictly lower score; a lone unit has CER 100. Tied units share a CER.
/// One sort, O(N log N): the position of the first unit of a tie group in ascending order is its B.
/// </summary>
public static class CerRanking
{
    /// <summary>The CER of each score, in the order given.</summary>
    public static int[] Rank(IReadOnlyList<EngagementScore> scores)
    {
        var n = scores.Count;
        var cers = new int[n];
        if (n == 1)
        {
            cers[0] = 100;
        }
        if (n <= 1)
        {
            return cers;
        }
        var sorted = new EngagementScore[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            sorted[i] = scores[i];
            order[i] = i;
        }
        Array.Sort(sorted, order);
        var lower = 0; // B of the current tie group: units before it in ascending order
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && sorted[i].CompareTo(sorted[i - 1]) != 0)
            {
                lower = i;
            }
            cers[order[i]] = Cer(lower, n);
        }
        return cers;
    }

    /// <summary>The CER of a unit that beats <paramref name="lower"/> of the <paramref name="ranked"/> units ranked together.</summary>
    public static int Cer(int lower, int ranked) => ranked == 1 ? 100 : (int)(100L * lower / (ranked - 1));
}
