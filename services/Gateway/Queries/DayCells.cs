using System.Collections.Concurrent;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>One counter of a day hash, parsed: a quarter of the UTC day, an offer, a marketplace, and its value.</summary>
/// <param name="Watched">Watched milliseconds (field suffix <c>m</c>); otherwise streams opened (<c>s</c>).</param>
public readonly record struct DayCell(int Quarter, string Offer, string Marketplace, bool Watched, long Value);

/// <summary>
/// The counters of one day hash, parsed once from its fields (<c>{quarter}|{offer}|{marketplace}|{m or s}</c>) so that
/// a hash kept in memory (<see cref="KeptCounterHashes"/>) is not parsed again by every query that sums it. Fields of
/// any other form are left out. Offers and marketplaces are shared strings: a few values recur in every hash.
/// </summary>
public sealed class DayCells
{
    // Offers and marketplaces are a handful of short values; past this many distinct ones (data not written by this
    // product), values are no longer shared, so memory stays bounded.
    private const int MaxShared = 4096;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SharedBySpan =
        Shared.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly DayCell[] _cells;

    private DayCells(DayCell[] cells) => _cells = cells;

    public static DayCells Empty { get; } = new([]);

    /// <summary>The cells, as a span: the aggregator walks millions of them per second.</summary>
    public ReadOnlySpan<DayCell> Cells => _cells;

    public int Count => _cells.Length;

    /// <summary>About how many bytes these cells hold in memory, for the bound of <see cref="KeptCounterHashes"/>.</summary>
    public long Bytes => 64 + 32L * _cells.Length;

    public static DayCells Parse(IReadOnlyList<KeyValuePair<string, long>> fields)
    {
        var cells = new List<DayCell>(fields.Count);
        foreach (var (field, value) in fields)
        {
            if (PerformanceCounterLayout.TryParseDayField(field.AsSpan(), out var quarter, out var offer, out var marketplace, out var suffix) &&
                suffix is PerformanceCounterLayout.WatchedSuffix or PerformanceCounterLayout.StreamsSuffix)
            {
                cells.Add(new DayCell(quarter, Share(offer), Share(marketplace), suffix is PerformanceCounterLayout.WatchedSuffix, value));
            }
        }
        return cells.Count == 0 ? Empty : new DayCells([.. cells]);
    }

    private static string Share(ReadOnlySpan<char> value)
    {
        if (SharedBySpan.TryGetValue(value, out var shared)) return shared;
        var text = value.ToString();
        return Shared.Count < MaxShared ? Shared.GetOrAdd(text, text) : text;
    }
}
