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
        var sums = new SortedDictionary<string, (long WatchedMs, long Streams)>(StringComparer.Ordinal);
        foreach (var (field, value) in partitions.SelectMany(p => p))
        {
            if (!TryParseField(field, out var titleId, out var watched) || !sees(titleId))
            {
                continue;
            }
            var sum = sums.GetValueOrDefault(titleId);
            sums[titleId] = watched ? (sum.WatchedMs + value, sum.Streams) : (sum.WatchedMs, sum.Streams + value);
        }
        return new TitlesResponse(sums.Select(s => new TitleSummary(s.Key, WatchedTime.Minutes(s.Value.WatchedMs), s.Value.Streams)).ToList());
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
