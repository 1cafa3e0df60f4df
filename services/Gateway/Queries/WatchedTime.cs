namespace Streaming.Gateway.Queries;

/// <summary>
/// Watched milliseconds for display, as minutes or hours with exactly two decimals, half away from zero, computed in
/// integers so no binary fraction can move a midpoint. Always round one exact sum; never add rounded values. Royalties
/// multiply the exact milliseconds, never these.
/// </summary>
public static class WatchedTime
{
    public static decimal Minutes(long milliseconds) => Hundredths(milliseconds, 60_000);

    public static decimal Hours(long milliseconds) => Hundredths(milliseconds, 3_600_000);

    private static decimal Hundredths(long milliseconds, long millisecondsPerUnit)
    {
        var hundredths = Math.DivRem(milliseconds, millisecondsPerUnit / 100, out var remainder);
        if (Math.Abs(remainder) * 2 >= millisecondsPerUnit / 100)
        {
            hundredths += Math.Sign(milliseconds);
        }
        return hundredths * 0.01m; // the scale of the product is 2, so 1.5 minutes read "1.50"
    }
}
