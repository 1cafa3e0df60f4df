namespace Streaming.EngagementRules;

/// <summary>
/// One territory's per-hour rate for <c>prime</c> streams: a linear scale from <see cref="MinRate"/> at CER 0 to
/// <see cref="MaxRate"/> at CER 100 where the territory has a CER, else the fixed <see cref="Rate"/>.
/// </summary>
public sealed class RateCardEntry
{
    /// <summary>ISO 4217 code of the rates, e.g. USD.</summary>
    public string Currency { get; set; } = "";

    public decimal? MinRate { get; set; }

    public decimal? MaxRate { get; set; }

    /// <summary>Fixed rate for a territory without a CER; none means no estimate there.</summary>
    public decimal? Rate { get; set; }

    /// <summary>Decimals an estimate is rounded to: the currency's minor unit (2; 0 for JPY).</summary>
    public int Decimals { get; set; } = 2;
}
