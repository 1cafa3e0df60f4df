namespace Streaming.Gateway.Channels;

/// <summary>The parameters of <c>GET /v1/metrics/channels/{channelId}</c> as the client sent them, not yet checked.</summary>
public sealed record ChannelRequest
{
    public required string ChannelId { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Granularity { get; init; }
    public string? Format { get; init; }
}
