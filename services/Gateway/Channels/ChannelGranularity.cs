namespace Streaming.Gateway.Channels;

/// <summary>How a channel series is cut: subscriber-local days, calendar months of them, or one bucket for the range.</summary>
public enum ChannelGranularity
{
    Day,
    Month,
    Total,
}
