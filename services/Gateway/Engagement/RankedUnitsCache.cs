using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Streaming.EngagementRules;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// The rankings of the territory-months answered lately, each with the version of the prime counters it was ranked
/// from (<see cref="EngagementLayout.SlotVersionField"/>). Every change of a slot's prime counters gives it a version it
/// never had, so a ranking whose version is still the slot's is exactly what ranking again would give: a dashboard
/// refreshing a month that no longer changes reads one field instead of the whole hash. A slot without a version is
/// ranked every time. One entry per territory-month, bounded by <see cref="GatewayOptions.EngagementCacheUnits"/>.
/// </summary>
public sealed class RankedUnitsCache : IDisposable
{
    private readonly MemoryCache _entries;

    public RankedUnitsCache(IOptions<GatewayOptions> options) =>
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.EngagementCacheUnits });

    /// <summary>The ranking made at <paramref name="version"/>, or null when none is kept for it.</summary>
    public Ranking? Get(UtcMonth month, string territory, string version) =>
        _entries.TryGetValue((month, territory), out Ranking? ranking) && ranking!.Version == version ? ranking : null;

    /// <summary>Keeps <paramref name="ranking"/> as the territory-month's, in place of any other version's.</summary>
    public void Keep(UtcMonth month, string territory, Ranking ranking) =>
        _entries.Set((month, territory), ranking, new MemoryCacheEntryOptions { Size = ranking.Units.Count + 1L });

    public void Dispose() => _entries.Dispose();
}

/// <summary>
/// One territory-month's units ranked from its prime counters at <see cref="Version"/> (null: the slot has none, and
/// the ranking is not kept), with the whole answer as JSON for the last month status it was asked with: what an
/// operator's query answers, written once per status instead of once per query.
/// </summary>
public sealed class Ranking(string? version, IReadOnlyList<EngagementUnit> units)
{
    private KeptAnswer? _answer;

    public string? Version { get; } = version;

    public IReadOnlyList<EngagementUnit> Units { get; } = units;

    /// <summary>The answer of every unit as UTF-8 JSON, with this <paramref name="status"/> of the month.</summary>
    public ReadOnlyMemory<byte> Json(UtcMonth month, string territory, MonthStatus status)
    {
        if (Volatile.Read(ref _answer) is { } kept && kept.Status == status)
        {
            return kept.Json;
        }
        var json = EngagementReport.Json(EngagementReport.Answer(month, territory, status, Units));
        Volatile.Write(ref _answer, new KeptAnswer(status, json));
        return json;
    }

    private sealed record KeptAnswer(MonthStatus Status, ReadOnlyMemory<byte> Json);
}
