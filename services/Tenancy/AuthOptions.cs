using System.ComponentModel.DataAnnotations;

namespace Streaming.Tenancy;

/// <summary>
/// Section <c>Auth</c>. There is no default operator key, in code or in the repository: a service without one
/// refuses to start and says <c>Auth:OperatorKey</c> (environment <c>Auth__OperatorKey</c>) is missing, because a
/// default would be a key everybody knows, and running open would be worse.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The operator's key: administers distributors, the catalog and keys, reads everything, posts any event.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "missing: the service checks keys and has no default; set Auth__OperatorKey (e.g. openssl rand -base64 32)")]
    [MinLength(16, ErrorMessage = "must be at least 16 characters")]
    [MaxLength(AccessToken.MaxLength, ErrorMessage = "must be at most 256 characters")]
    public string OperatorKey { get; set; } = "";
}
