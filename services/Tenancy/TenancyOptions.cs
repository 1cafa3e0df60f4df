using System.ComponentModel.DataAnnotations;

namespace Streaming.Tenancy;

/// <summary>Section <c>Tenancy</c>: how often a service asks Redis whether the catalog or the keys changed.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>
    /// The wait between two reads of the version counter. A change (a revoked key, a new title) is in effect in every
    /// service within this plus one load: keep it well under the 5 seconds promised.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:04")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
