using System.Runtime.InteropServices;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>The answer of <c>GET /v1/titles</c>.</summary>
public sealed record TitlesResponse(IReadOnlyList<TitleSummary> Titles);

public sealed record TitleSummary(string TitleId, decimal MinutesStreamed, long UniqueStreams);

public static class TitleTotals
{
    /// <summary>
    /// Sums the all-time <c>titles</c> hashes of every partition (fields <c>m:{titleId}</c> and <c>s:{titleId}</c>)
    /// into one line per title the caller may see (<paramref name="sees"/>), sorted by title id (ordinal).
    /// </summary>
    public static TitlesResponse Sum(IEnumerable<IReadOnlyList<KeyValuePair<string, long>>> partitions, Func<string, bool> sees)
    {
        // Summed in a hash map and sorted once: a sorted map pays a string comparison per step of every update.
        var sums = new Dictionary<string, (long WatchedMs, long Streams)>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            foreach (var (field, value) in partition)
            {
                if (!TryParseField(field, out var titleId, out var watched) || !sees(titleId)) continue;
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, titleId, out _);
                sum = watched ? (sum.WatchedMs + value, sum.Streams) : (sum.WatchedMs, sum.Streams + value);
            }
        }
        var titles = new List<TitleSummary>(sums.Count);
        foreach (var (titleId, sum) in sums) titles.Add(new TitleSummary(titleId, WatchedTime.Minutes(sum.WatchedMs), sum.Streams));
        titles.Sort((x, y) => string.CompareOrdinal(x.TitleId, y.TitleId));
        return new TitlesResponse(titles);
    }

    /// <summary>The title id of a <c>titles</c> hash field, and whether it counts watched time (else streams).</summary>
    public static bool TryParseField(string field, out string titleId, out bool watched)
    {
        var watchedPrefix = PerformanceCounterLayout.TitleWatchedField("");
        var streamsPrefix = PerformanceCounterLayout.TitleStreamsField("");
        watched = field.StartsWith(watchedPrefix, StringComparison.Ordinal);
        titleId = watched ? field[watchedPrefix.Length..]
            : field.StartsWith(streamsPrefix, StringComparison.Ordinal) ? field[streamsPrefix.Length..] : "";
        return titleId.Length > 0;
    }
}
