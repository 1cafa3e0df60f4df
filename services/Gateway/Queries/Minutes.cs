namespace Streaming.Gateway.Queries;

public static class Minutes
{
    /// <summary>
    /// Watched milliseconds as minutes with exactly two decimals, half away from zero, computed in integers so no
    /// binary fraction can move a midpoint. Always round one exact sum; never add rounded values.
    /// </summary>
    public static decimal FromMilliseconds(long milliseconds)
    {
        var hundredths = Math.DivRem(milliseconds, 600, out var remainder);
        if (Math.Abs(remainder) * 2 >= 600)
        {
            hundredths += Math.Sign(milliseconds);
        }
        return hundredths * 0.01m; // the scale of the product is 2, so 1.5 minutes read "1.50"
    }
}
