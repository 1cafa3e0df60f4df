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

    /// <summary>
    /// This replica's id among the live replicas of its service (a pod or host name; unique per replica). Unset: the
    /// host name, the process id and a random part.
    /// </summary>
    public string? ReplicaId { get; set; }

    /// <summary>
    /// How often a replica of a partitioned service (sessionization, subscriptions) renews its entry among the live
    /// replicas and recomputes which partitions it owns.
    /// </summary>
    public TimeSpan ReplicaHeartbeat { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a replica's entry lives without a heartbeat: a replica that died is dropped, and its partitions taken
    /// over, this long after its last heartbeat (plus up to one <see cref="ReplicaHeartbeat"/> of the others).
    /// </summary>
    public TimeSpan ReplicaExpiry { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Namespace.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            yield return new ValidationResult("only letters, digits, '-', '_' and '.' are allowed", [nameof(Namespace)]);
        }
        if (ReplicaHeartbeat < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult("must be at least 00:00:00.1", [nameof(ReplicaHeartbeat)]);
        }
        if (ReplicaExpiry < 2 * ReplicaHeartbeat)
        {
            yield return new ValidationResult("must be at least twice Pipeline:ReplicaHeartbeat", [nameof(ReplicaExpiry)]);
        }
    }

    /// <summary>The namespace as a prefix: "" or "name.".</summary>
    public string Prefix => Namespace.Length == 0 ? "" : Namespace + ".";
}
