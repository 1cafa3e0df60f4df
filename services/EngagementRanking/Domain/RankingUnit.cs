using Streaming.Contracts.Sessionization;
using Streaming.EngagementRules;

namespace Streaming.EngagementRanking.Domain;

/// <summary>What CER ranks: a season (all its episodes together) for episodic content, otherwise the title.</summary>
public readonly record struct RankingUnit(string Kind, string Id)
{
    public static RankingUnit Of(StreamActivity fact) => string.IsNullOrEmpty(fact.SeasonId)
        ? new RankingUnit(EngagementLayout.TitleKind, fact.TitleId)
        : new RankingUnit(EngagementLayout.SeasonKind, fact.SeasonId);

    /// <summary>The unit as the Redis fields name it: <c>title:{id}</c> or <c>season:{id}</c>.</summary>
    public string Key => EngagementLayout.Unit(Kind, Id);
}
