namespace Streaming.Gateway.Engagement;

/// <summary>A month's finality as the engagement answer shows it, and the facts it ignored because they came after.</summary>
public sealed record MonthStatus(bool Final, long LateFactsIgnored);
