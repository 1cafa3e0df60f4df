using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Streaming.Gateway.Engagement;

/// <summary>The query string of <c>GET /v1/metrics/engagement</c>, bound as strings so the checks, not model binding, name what is wrong.</summary>
public sealed record EngagementQueryString
{
    [FromQuery(Name = "month"), Description("UTC month, yyyy-MM. Default: the current month (to date).")]
    public string? Month { get; init; }

    [FromQuery(Name = "territory"), Description("Territory (marketplace), two upper-case letters, e.g. US. Required.")]
    public string? Territory { get; init; }
}
