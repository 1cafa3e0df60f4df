namespace Streaming.Gateway.Queries;

/// <summary>How a performance series is cut: local hours, local days, local months, or one bucket for the range.</summary>
public enum Granularity
{
    Hour,
    Day,
    Month,
    Total,
}
