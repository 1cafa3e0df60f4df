namespace Streaming.Sessionization.Domain;

/// <summary>The three tunable numbers of the definitions (docs/metrics.md), in milliseconds.</summary>
public sealed record SessionRules(long InactivityTimeoutMs, long MaxGapMs, long AllowedLatenessMs)
{
    public static readonly SessionRules Default = new(60 * 60_000, 120_000, 60 * 60_000);
}
