namespace Streaming.Bench.LoadGen.Wire;

/// <summary>
/// Ingest's 202 answer to a batch: how many events it accepted and why it refused the others. The list holds the
/// first rejections only; <paramref name="RejectedCount"/> counts them all (absent from ingest before the cap).
/// </summary>
public sealed record IngestAnswer(int Accepted, IReadOnlyList<IngestRejection> Rejected, int? RejectedCount = null)
{
    public IngestResult ToResult() => new(System.Net.HttpStatusCode.Accepted, Accepted, RejectedCount ?? Rejected.Count, null,
        Rejected.Count > 0 ? $"event {Rejected[0].Index}: {string.Join("; ", Rejected[0].Errors)}" : null);
}

public sealed record IngestRejection(int Index, IReadOnlyList<string> Errors);

/// <summary>A gateway answer whose series the load generator counts (the channel query).</summary>
public sealed record SeriesAnswer(IReadOnlyList<Counted> Series);

/// <summary>A gateway answer whose ranked units the load generator counts (the engagement query).</summary>
public sealed record UnitsAnswer(IReadOnlyList<Counted> Units);

/// <summary>An array element that is only counted: its properties are skipped, not read.</summary>
public sealed record Counted;

/// <summary>The gateway's performance answer, with what the query benchmark checks (groups only with groupBy).</summary>
public sealed record PerformanceAnswer(Figures Totals, IReadOnlyList<PerformancePointAnswer> Series, IReadOnlyList<PerformanceGroupAnswer>? Groups = null);

public sealed record Figures(decimal MinutesStreamed, long UniqueStreams);

public sealed record PerformancePointAnswer(DateTimeOffset Start, decimal MinutesStreamed, long UniqueStreams);

public sealed record PerformanceGroupAnswer(string Key, Figures Totals);

/// <summary>The gateway's <c>/v1/titles</c> answer.</summary>
public sealed record TitlesAnswer(IReadOnlyList<TitleLine> Titles);

public sealed record TitleLine(string TitleId, decimal MinutesStreamed, long UniqueStreams);
