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

    /// <summary>
    /// How far the watermark (newest fact hour) must pass a month's end before the month is final. The default is
    /// sessionization's own AllowedLateness: facts for a month keep coming while events of it are still accepted
    /// upstream, which is up to that long behind each stream key's newest event.
    /// </summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long an applied facts batch is remembered, so a republication with the same BatchId is dropped.</summary>
    public TimeSpan BatchMarkerRetention { get; set; } = TimeSpan.FromHours(24);

    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Facts messages applied at once; each is one atomic script, so order between them does not matter.</summary>
    [Range(1, 64)]
    public int ConcurrentMessageLimit { get; set; } = 4;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedLateness < TimeSpan.Zero || AllowedLateness > TimeSpan.FromDays(31))
            yield return new("must be between 0 and 31 days", [nameof(AllowedLateness)]);
        if (BatchMarkerRetention < TimeSpan.FromHours(1))
            yield return new("must be at least one hour (republished facts must be recognised)", [nameof(BatchMarkerRetention)]);
    }
}
