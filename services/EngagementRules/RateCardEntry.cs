namespace Streaming.EngagementRules;

/// <summary>
/// One territory's per-hour rate for <c>prime</c> streams: a linear scale from <see cref="MinRate"/> at CER 0 to
/// <see cref="MaxRate"/> at CER 100 where the entry has one and the territory a CER, else the fixed <see cref="Rate"/>
/// (a territory can report a CER and still pay a fixed rate).
/// </summary>
public sealed class RateCardEntry
{
    /// <summary>ISO 4217 code of the rates, e.g. USD.</summary>
    public string Currency { get; set; } = "";

    public decimal? MinRate { get; set; }

    public decimal? MaxRate { get; set; }

    /// <summary>Fixed rate, whatever the CER, where there is no scale or no CER; none means no estimate there.</summary>
    public decimal? Rate { get; set; }

    /// <summary>Decimals an estimate is rounded to: the currency's minor unit (2; 0 for JPY).</summary>
    public int Decimals { get; set; } = 2;
}
