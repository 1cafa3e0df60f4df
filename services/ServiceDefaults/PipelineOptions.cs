using System.ComponentModel.DataAnnotations;

namespace Streaming.ServiceDefaults;

/// <summary>
/// How the playback pipeline is cut up; ingest, sessionization and the gateway must agree on it, so it is one
/// section (<c>Pipeline</c>) that every service reads.
/// </summary>
public sealed class PipelineOptions : IValidatableObject
{
    public const string Section = "Pipeline";

    public const int MaxPartitions = 64;

    /// <summary>Number of stream-key partitions: one queue and one Redis hash slot each.</summary>
    [Range(1, MaxPartitions)]
    public int Partitions { get; set; } = 4;

    /// <summary>
    /// Prefix for queue names and Redis keys, so several deployments (or test runs) share one broker and Redis.
    /// Letters, digits, '-', '_' and '.' only.
    /// </summary>
    public string Namespace { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Namespace.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            yield return new ValidationResult("only letters, digits, '-', '_' and '.' are allowed", [nameof(Namespace)]);
        }
    }

    /// <summary>The namespace as a prefix: "" or "name.".</summary>
    public string Prefix => Namespace.Length == 0 ? "" : Namespace + ".";
}
