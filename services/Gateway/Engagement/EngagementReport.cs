using System.Text.Json;
using Streaming.EngagementRules;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Engagement;

/// <summary>Builds the engagement answer from the counters: rank, then minutes, hours and royalty per unit. No I/O.</summary>
public static class EngagementReport
{
    public static EngagementResponse Build(UtcMonth month, string territory, MonthStatus status, IEnumerable<PrimeUnit> units, EngagementTerms terms) =>
        Answer(month, territory, status, Rank(territory, units, terms));

    /// <summary>The answer's units: the territory's <paramref name="units"/> ranked, each with its minutes, hours and royalty.</summary>
    public static IReadOnlyList<EngagementUnit> Rank(string territory, IEnumerable<PrimeUnit> units, EngagementTerms terms) =>
        CerRanking.Rank(units, terms.HasCer(territory)).Select(r =>
        {
            var royalty = terms.Estimate(territory, r.Cer, r.Unit.WatchedMs);
            return new EngagementUnit(r.Unit.Id, r.Unit.Kind, r.Cer, r.Unit.DistinctCustomers,
                WatchedTime.Minutes(r.Unit.WatchedMs), WatchedTime.Hours(r.Unit.WatchedMs), royalty?.Amount, royalty?.Currency);
        }).ToList();

    /// <summary>The answer of one month and territory, from its status and its units ranked by <see cref="Rank"/>.</summary>
    public static EngagementResponse Answer(UtcMonth month, string territory, MonthStatus status, IReadOnlyList<EngagementUnit> ranked) =>
        new(month.ToString(), territory, status.Final, status.LateFactsIgnored, ranked);

    /// <summary>The answer as UTF-8 JSON (web names, source-generated).</summary>
    public static byte[] Json(EngagementResponse answer) => JsonSerializer.SerializeToUtf8Bytes(answer, EngagementJsonContext.Default.EngagementResponse);
}
