using Streaming.EngagementRules;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Engagement;

/// <summary>Builds the engagement answer from the counters: rank, then minutes, hours and royalty per unit. No I/O.</summary>
public static class EngagementReport
{
    public static EngagementResponse Build(UtcMonth month, string territory, MonthStatus status, IEnumerable<PrimeUnit> units, EngagementTerms terms) =>
        Answer(month, territory, status, Rank(territory, units, terms));

    /// <summary>The answer's units: the territory's <paramref name="units"/> ranked, each with its minutes, hours and royalty.</summary>
    public static IReadOnlyList<EngagementUnit> Rank(string territory, IEnumerable<PrimeUnit> units, EngagementTerms terms)
    {
        var ranked = CerRanking.Rank(units, terms.HasCer(territory));
        // The rate depends on the CER alone (0–100, or none): looked up once per CER, not once per unit.
        var rates = new (decimal Rate, RateCardEntry Entry)?[102];
        var looked = new bool[102];
        var answer = new EngagementUnit[ranked.Count];
        for (var i = 0; i < answer.Length; i++)
        {
            var (unit, cer) = ranked[i];
            var slot = cer + 1 ?? 0;
            if (!looked[slot])
            {
                rates[slot] = terms.RatePerHour(territory, cer);
                looked[slot] = true;
            }
            var royalty = rates[slot] is var (rate, entry) ? RoyaltyEstimate.Of(unit.WatchedMs, rate, entry.Decimals, entry.Currency) : (RoyaltyEstimate?)null;
            answer[i] = new EngagementUnit(unit.Id, unit.Kind, cer, unit.DistinctCustomers,
                WatchedTime.Minutes(unit.WatchedMs), WatchedTime.Hours(unit.WatchedMs), royalty?.Amount, royalty?.Currency);
        }
        return answer;
    }

    /// <summary>The answer of one month and territory, from its status and its units ranked by <see cref="Rank"/>.</summary>
    public static EngagementResponse Answer(UtcMonth month, string territory, MonthStatus status, IReadOnlyList<EngagementUnit> ranked) =>
        new(month.ToString(), territory, status.Final, status.LateFactsIgnored, ranked);

    /// <summary>The answer as UTF-8 JSON (web names), as the serializer writes it (<see cref="EngagementJson"/>).</summary>
    public static ReadOnlyMemory<byte> Json(EngagementResponse answer) => EngagementJson.Write(answer);
}
