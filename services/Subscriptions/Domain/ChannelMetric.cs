namespace Streaming.Subscriptions.Domain;

/// <summary>What a channel counts per subscriber-local day (docs/metrics.md, "Channel metrics").</summary>
public enum ChannelMetric : byte
{
    TrialStarts,
    PaidConversions,

    /// <summary>A paid subscription started without a trial: not a conversion.</summary>
    PaidStarts,

    TrialCancellations,
    PaidCancellations,

    /// <summary>Customers entering trial minus customers leaving it.</summary>
    ActiveTrialChange,

    /// <summary>Customers entering paid minus customers leaving it.</summary>
    ActivePaidChange,
}
