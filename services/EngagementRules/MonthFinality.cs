namespace Streaming.EngagementRules;

/// <summary>
/// When a month's ranking stops changing. The watermark is the start of the newest UTC hour that any derived fact
/// was attributed to: event time is known to have reached it. A month is final once the watermark has reached the
/// month's end plus the allowed lateness; from then on facts for that month are ignored (and counted).
/// </summary>
public static class MonthFinality
{
    /// <summary>The watermark (Unix ms) from which <paramref name="month"/> is final.</summary>
    public static long ClosesAtMs(UtcMonth month, TimeSpan allowedLateness) =>
        (month.End + allowedLateness).ToUnixTimeMilliseconds();

    public static bool IsFinal(UtcMonth month, long? watermarkMs, TimeSpan allowedLateness) =>
        watermarkMs is { } w && w >= ClosesAtMs(month, allowedLateness);
}
