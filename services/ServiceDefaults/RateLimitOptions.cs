using System.ComponentModel.DataAnnotations;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Section <c>RateLimits:&lt;Service&gt;</c> (<c>RateLimits:Ingest</c>, <c>RateLimits:Gateway</c>): a token bucket per
/// credential (<see cref="ClientCredential"/>). A client may send <see cref="Burst"/> requests at once and then
/// <see cref="RequestsPerSecond"/> on average; beyond that it gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per second a credential may keep up; a fraction spaces them out (0.1: one every 10 s).</summary>
    [Range(0.001, 1_000_000)]
    public double RequestsPerSecond { get; set; } = 1_000;

    /// <summary>The bucket's size: requests a credential may send at once after a quiet spell.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 2_000;

    /// <summary>Whole tokens added per period: the rate rounded (at least one), the period stretched to keep the rate exact.</summary>
    public (int Tokens, TimeSpan Period) Replenishment()
    {
        var tokens = (int)Math.Max(1, Math.Round(RequestsPerSecond));
        return (tokens, TimeSpan.FromSeconds(tokens / RequestsPerSecond));
    }
}
