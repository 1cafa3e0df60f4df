namespace Streaming.Gateway.Queries;

/// <summary>The query parameters of <c>GET /v1/metrics/performance</c> as the client sent them, not yet checked.</summary>
public sealed record PerformanceRequest
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Granularity { get; init; }
    public string? Tz { get; init; }
    public IReadOnlyList<string> TitleIds { get; init; } = [];
    public IReadOnlyList<string> Offers { get; init; } = [];
    public IReadOnlyList<string> Marketplaces { get; init; } = [];
    public string? GroupBy { get; init; }
    public string? Format { get; init; }
}
