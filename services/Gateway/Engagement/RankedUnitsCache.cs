using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Streaming.EngagementRules;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// The ranked units of the territory-months answered lately, each with the version of the prime counters it was
/// ranked from (<see cref="EngagementLayout.SlotVersionField"/>). Every change of a slot's prime counters gives it a
/// version it never had, so an answer whose version is still the slot's is exactly what ranking again would give: a
/// dashboard refreshing a month that no longer changes reads one field instead of the whole hash. A slot without a
/// version is ranked every time. One entry per territory-month, bounded by <see cref="GatewayOptions.EngagementCacheUnits"/>.
/// </summary>
public sealed class RankedUnitsCache : IDisposable
{
    private readonly MemoryCache _entries;

    public RankedUnitsCache(IOptions<GatewayOptions> options) =>
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.EngagementCacheUnits });

    /// <summary>The units ranked at <paramref name="version"/>, or null when none are kept for it.</summary>
    public IReadOnlyList<EngagementUnit>? Get(UtcMonth month, string territory, string version) =>
        _entries.TryGetValue((month, territory), out Entry? entry) && entry!.Version == version ? entry.Units : null;

    /// <summary>Keeps <paramref name="units"/> as the territory-month's at <paramref name="version"/>, in place of any other version's.</summary>
    public void Set(UtcMonth month, string territory, string version, IReadOnlyList<EngagementUnit> units) =>
        _entries.Set((month, territory), new Entry(version, units), new MemoryCacheEntryOptions { Size = units.Count + 1L });

    public void Dispose() => _entries.Dispose();

    private sealed record Entry(string Version, IReadOnlyList<EngagementUnit> Units);
}
