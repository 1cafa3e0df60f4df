using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Streaming.Gateway.Channels;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// The route and query string of <c>GET /v1/metrics/channels/{channelId}</c>, bound as plain strings so that the
/// planner, not model binding, says what is wrong with a value. An empty value means the default.
/// </summary>
public sealed record ChannelQueryString
{
    [FromRoute(Name = "channelId"), Description("The channel, as billing events name it.")]
    public required string ChannelId { get; init; }

    [FromQuery(Name = "from"), Description("First subscriber-local day (yyyy-MM-dd, inclusive). Default: 29 days before to.")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Last subscriber-local day (yyyy-MM-dd, inclusive). Default: today (UTC).")]
    public string? To { get; init; }

    [FromQuery(Name = "granularity"), Description("day (default), month or total.")]
    public string? Granularity { get; init; }

    [FromQuery(Name = "format"), Description("json (default) or csv for a download of the series.")]
    public string? Format { get; init; }

    public ChannelRequest ToRequest() => new() { ChannelId = ChannelId, From = From, To = To, Granularity = Granularity, Format = Format };
}
