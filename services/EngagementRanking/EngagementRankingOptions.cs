using System.ComponentModel.DataAnnotations;
using Streaming.EngagementRules;

namespace Streaming.EngagementRanking;

/// <summary>
/// Section <c>EngagementRanking</c>, the service's own settings. The same section holds the commercial terms
/// (<see cref="EngagementTerms"/>: CER territories and rate card), which the gateway reads too; both are validated
/// at start-up.
/// </summary>
public sealed class EngagementRankingOptions : IValidatableObject
{
    public const string Section = EngagementTerms.Section;

    public static readonly TimeSpan DefaultAllowedLateness = TimeSpan.FromMinutes(60);

    /// <summary>
    /// How long after a month's end its facts still count: a month is final once the wall clock has passed its end by
    /// this much and every partition has caught up past that moment (<see cref="MonthFinality"/>). Final earnings
    /// appear within 15 days after the end of the month.
    /// </summary>
    public TimeSpan FinalityGrace { get; set; } = TimeSpan.FromDays(15);

    /// <summary>How often months due are closed and progress probes go out; a month closes within two of these once due.</summary>
    public TimeSpan FinalityCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// No longer used: the newest fact hour no longer closes months, <see cref="FinalityGrace"/> does. Still read and
    /// checked, so configurations that set it keep starting; the service warns when it is not at its old default.
    /// </summary>
    public TimeSpan AllowedLateness { get; set; } = DefaultAllowedLateness;

    /// <summary>How long an applied facts batch is remembered, so a republication with the same BatchId is dropped.</summary>
    public TimeSpan BatchMarkerRetention { get; set; } = TimeSpan.FromHours(24);

    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Facts messages applied at once; each is one atomic script, so order between them does not matter.</summary>
    [Range(1, 64)]
    public int ConcurrentMessageLimit { get; set; } = 4;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FinalityGrace < TimeSpan.Zero || FinalityGrace > TimeSpan.FromDays(3650))
            yield return new("must be between 0 and 3650 days", [nameof(FinalityGrace)]);
        if (FinalityCheckInterval < TimeSpan.FromSeconds(1) || FinalityCheckInterval > TimeSpan.FromHours(1))
            yield return new("must be between 1 second and 1 hour", [nameof(FinalityCheckInterval)]);
        if (AllowedLateness < TimeSpan.Zero || AllowedLateness > TimeSpan.FromDays(31))
            yield return new("must be between 0 and 31 days", [nameof(AllowedLateness)]);
        if (BatchMarkerRetention < TimeSpan.FromHours(1))
            yield return new("must be at least one hour (republished facts must be recognised)", [nameof(BatchMarkerRetention)]);
    }
}
