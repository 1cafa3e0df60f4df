using System.Text.Json.Serialization;

namespace Streaming.Gateway.Queries;

/// <summary>The answer of <c>GET /v1/metrics/performance</c>; instants carry the offset of the requested zone.</summary>
public sealed record PerformanceResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string Tz,
    string Granularity,
    PerformanceTotals Totals,
    IReadOnlyList<PerformancePoint> Series,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PerformanceGroup>? Groups = null);

/// <summary>Minutes watched (two decimals, from the exact millisecond sum) and streams opened.</summary>
public sealed record PerformanceTotals(decimal MinutesStreamed, long UniqueStreams);

public sealed record PerformancePoint(DateTimeOffset Start, decimal MinutesStreamed, long UniqueStreams);

/// <summary>One title, offer or marketplace, with its own totals and dense series.</summary>
public sealed record PerformanceGroup(string Key, PerformanceTotals Totals, IReadOnlyList<PerformancePoint> Series);
