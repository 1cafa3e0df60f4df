using System.Globalization;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// Whether the gateway's answers hold exactly what <see cref="QuerySeed"/> put in: checked once per query before it
/// is timed, so a fast wrong answer is never reported. Each check returns null, or what is wrong.
/// </summary>
public static class AnswerCheck
{
    /// <summary>An hourly series of the month over <paramref name="titles"/> seeded titles (and no other data that month).</summary>
    public static string? HourSeries(PerformanceAnswer answer, QuerySeed seed, int titles)
    {
        if (answer.Series.Count != seed.Hours)
        {
            return $"{answer.Series.Count} hour buckets, not {seed.Hours}";
        }
        var first = new DateTimeOffset(seed.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var (streams, minutes) = QuerySeed.PerHour(titles);
        for (var h = 0; h < answer.Series.Count; h++)
        {
            var point = answer.Series[h];
            if (point.Start != first.AddHours(h) || point.UniqueStreams != streams || point.MinutesStreamed != minutes)
            {
                return Invariant($"hour {h}: {point.Start:O} {point.UniqueStreams} streams {point.MinutesStreamed:0.00} min, not {first.AddHours(h):O} {streams} streams {minutes:0.00} min");
            }
        }
        return Totals("the totals", answer.Totals, streams * seed.Hours, minutes * seed.Hours);
    }

    /// <summary><c>groupBy=title&amp;granularity=total</c> for the seed's own distributor: one group per seeded title.</summary>
    public static string? TitleGroups(PerformanceAnswer answer, QuerySeed seed)
    {
        if (answer.Groups is not { } groups)
        {
            return "no groups";
        }
        if (groups.Count != seed.Titles || !groups.Select(g => g.Key).Order(StringComparer.Ordinal).SequenceEqual(seed.TitleIds))
        {
            return $"{groups.Count} groups, not the {seed.Titles} seeded titles";
        }
        return groups.Select(g => Totals($"title {g.Key}", g.Totals, seed.StreamsPerTitle, seed.MinutesPerTitle)).FirstOrDefault(e => e is not null)
            ?? Totals("the totals", answer.Totals, seed.StreamsPerTitle * seed.Titles, seed.MinutesPerTitle * seed.Titles);
    }

    /// <summary><c>/v1/titles</c> for the seed's own distributor: exactly the seeded titles, each with its month.</summary>
    public static string? Titles(TitlesAnswer answer, QuerySeed seed)
    {
        if (!answer.Titles.Select(t => t.TitleId).SequenceEqual(seed.TitleIds))
        {
            return $"{answer.Titles.Count} titles, not the {seed.Titles} seeded titles in order";
        }
        return answer.Titles.Select(t => Totals($"title {t.TitleId}", new Figures(t.MinutesStreamed, t.UniqueStreams), seed.StreamsPerTitle, seed.MinutesPerTitle))
            .FirstOrDefault(e => e is not null);
    }

    private static string? Totals(string what, Figures figures, long streams, decimal minutes) =>
        figures.UniqueStreams == streams && figures.MinutesStreamed == minutes ? null
            : Invariant($"{what}: {figures.UniqueStreams} streams {figures.MinutesStreamed:0.00} min, not {streams} streams {minutes:0.00} min");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
