namespace Streaming.EngagementRules;

/// <summary>Estimated royalty: hours streamed × per-hour rate, rounded once to the currency's minor unit.</summary>
public readonly record struct RoyaltyEstimate(decimal Amount, string Currency)
{
    public const long MillisecondsPerHour = 3_600_000;

    /// <summary>
    /// Exact milliseconds × rate ÷ 3,600,000 in decimal arithmetic, then rounded half away from zero to
    /// <paramref name="decimals"/> places; the result always shows that many places (0.10, not 0.1).
    /// </summary>
    public static RoyaltyEstimate Of(long watchedMs, decimal ratePerHour, int decimals, string currency)
    {
        var amount = decimal.Round(watchedMs * ratePerHour / MillisecondsPerHour, decimals, MidpointRounding.AwayFromZero);
        return new RoyaltyEstimate(amount + new decimal(0, 0, 0, false, (byte)decimals), currency);
    }
}
