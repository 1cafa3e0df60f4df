using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// The query string of <c>GET /v1/metrics/performance</c>, bound as plain strings so that the planner, not model
/// binding, says what is wrong with a value. An empty single value means the default.
/// </summary>
public sealed record PerformanceQueryString
{
    [FromQuery(Name = "from"), Description("First day (yyyy-MM-dd, whole local day) or instant with offset (inclusive). Default: 6 days before today in tz.")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Last day (yyyy-MM-dd, inclusive) or instant with offset (exclusive). Default: today in tz.")]
    public string? To { get; init; }

    [FromQuery(Name = "granularity"), Description("hour, day (default), month or total.")]
    public string? Granularity { get; init; }

    [FromQuery(Name = "tz"), Description("IANA time zone for day and month boundaries, e.g. Europe/Berlin. Default: UTC.")]
    public string? Tz { get; init; }

    [FromQuery(Name = "titleId"), Description("Only these titles; may repeat.")]
    public string[]? TitleId { get; init; }

    [FromQuery(Name = "offer"), Description("Only these offers: prime, tvod, avod, channel; may repeat.")]
    public string[]? Offer { get; init; }

    [FromQuery(Name = "marketplace"), Description("Only these marketplaces, two upper-case letters; may repeat.")]
    public string[]? Marketplace { get; init; }

    [FromQuery(Name = "groupBy"), Description("Split by title, offer or marketplace.")]
    public string? GroupBy { get; init; }

    [FromQuery(Name = "format"), Description("json (default) or csv for a download of the same rows.")]
    public string? Format { get; init; }

    public PerformanceRequest ToRequest() => new()
    {
        From = From,
        To = To,
        Granularity = Granularity,
        Tz = Tz,
        TitleIds = TitleId ?? [],
        Offers = Offer ?? [],
        Marketplaces = Marketplace ?? [],
        GroupBy = GroupBy,
        Format = Format,
    };
}
