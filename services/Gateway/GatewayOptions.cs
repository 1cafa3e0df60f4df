using System.ComponentModel.DataAnnotations;

namespace Streaming.Gateway;

/// <summary>Settings of the gateway, section <c>Gateway</c>.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>Origins whose web pages may call the API: <c>*</c> (any) or a comma-separated list of http(s) origins.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AllowedOrigins { get; set; } = "*";

    /// <summary>Most Redis hashes one query may read; a wider query gets 400 and is asked to narrow its range or titles.</summary>
    [Range(1, 10_000_000)]
    public int MaxKeysPerQuery { get; set; } = 200_000;

    public IReadOnlyList<string> Origins =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool AnyOrigin => Origins is ["*"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AnyOrigin && Origins.Any(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) ||
                                           uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || o.EndsWith('/')))
        {
            yield return new ValidationResult("'*' or comma-separated origins such as https://app.example", [nameof(AllowedOrigins)]);
        }
    }
}
