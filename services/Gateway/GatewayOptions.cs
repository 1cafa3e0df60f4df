using System.ComponentModel.DataAnnotations;

namespace Streaming.Gateway;

/// <summary>Settings of the gateway, section <c>Gateway</c>.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>
    /// Origins whose web pages may call the API from a browser: a comma-separated list of http(s) origins. None by
    /// default: the dashboard is served by the gateway itself and needs no CORS.
    /// </summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>Most Redis hashes one query may read; a wider query gets 400 and is asked to narrow its range or titles.</summary>
    [Range(1, 10_000_000)]
    public int MaxKeysPerQuery { get; set; } = 200_000;

    /// <summary>Most <c>GET /v1/live</c> streams one key (or, without one, one client address) may hold open; one more gets 429.</summary>
    [Range(1, 100_000)]
    public int LiveStreamsPerKey { get; set; } = 20;

    /// <summary>
    /// Most ranked units the engagement query keeps in memory over all territory-months, so that a territory-month
    /// whose counters have not changed is not ranked again: about 400 bytes a unit with the operator's answer as JSON
    /// (about 100 MB at most by default); 0 keeps none.
    /// </summary>
    [Range(0, 100_000_000)]
    public long EngagementCacheUnits { get; set; } = 250_000;

    /// <summary>
    /// Most bytes of performance answers the gateway keeps (as JSON, with their keys), so that a query over days whose
    /// counters have not changed is answered without reading them again; 0 keeps none.
    /// </summary>
    [Range(0, 16L * 1024 * 1024 * 1024)]
    public long QueryCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most bytes of counter hashes the gateway keeps (their fields, with their keys), so that a query whose answer
    /// cannot be reused reads from Redis only the days that changed since; 0 keeps none.
    /// </summary>
    [Range(0, 16L * 1024 * 1024 * 1024)]
    public long HashCacheBytes { get; set; } = 256L * 1024 * 1024;

    public IReadOnlyList<string> Origins =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Origins.Any(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) ||
                             uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || o.EndsWith('/')))
        {
            yield return new ValidationResult("comma-separated origins such as https://app.example (no '*': list each origin)", [nameof(AllowedOrigins)]);
        }
    }
}
