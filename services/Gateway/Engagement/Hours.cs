namespace Streaming.Gateway.Engagement;

public static class Hours
{
    /// <summary>
    /// Watched milliseconds as hours with exactly two decimals, half away from zero, in integers (as
    /// <see cref="Queries.Minutes"/>). For display only: royalties multiply the exact milliseconds.
    /// </summary>
    public static decimal FromMilliseconds(long milliseconds)
    {
        var hundredths = Math.DivRem(milliseconds, 36_000, out var remainder);
        if (Math.Abs(remainder) * 2 >= 36_000)
        {
            hundredths += Math.Sign(milliseconds);
        }
        return hundredths * 0.01m;
    }
}
