namespace Streaming.Gateway.Engagement;

/// <summary>
/// The answer of <c>GET /v1/metrics/engagement</c>: one month and territory, units by CER descending. <c>final</c>: the
/// month no longer changes; <c>lateFactsIgnored</c>: facts of the month (any territory) that arrived when it was final.
/// </summary>
public sealed record EngagementResponse(string Month, string Territory, bool Final, long LateFactsIgnored, IReadOnlyList<EngagementUnit> Units);

/// <summary>
/// One ranking unit. <c>cer</c> is null in territories without a CER; <c>estimatedRoyalty</c> and <c>currency</c> are
/// null where the rate card has no rate. Minutes and hours have two decimals, each rounded from the exact milliseconds.
/// </summary>
public sealed record EngagementUnit(
    string UnitId,
    string Kind,
    int? Cer,
    long DistinctCustomers,
    decimal MinutesStreamed,
    decimal HoursStreamed,
    decimal? EstimatedRoyalty,
    string? Currency);
