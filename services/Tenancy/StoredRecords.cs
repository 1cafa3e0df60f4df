using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Tenancy;

/// <summary>A distributor as stored: its display name and when it was created.</summary>
public sealed record StoredDistributor(string Name, DateTimeOffset CreatedAt);

/// <summary>A title or channel of the catalog as stored: the distributor that owns it and an optional display name.</summary>
public sealed record StoredEntry(string DistributorId, string? Name);

/// <summary>
/// A key as stored: its kind (<see cref="KeyKinds"/>), the distributor of an access key, the name of an ingest key,
/// the SHA-256 of its secret (hex), when it was issued, and for a player key the web origins whose pages may use it
/// (<see cref="WebOrigins"/>, normalized). Without origins (keys stored before they existed too) any origin may.
/// </summary>
public sealed record StoredKey(
    string Kind, string? DistributorId, string? Name, string SecretSha256, DateTimeOffset CreatedAt, IReadOnlyList<string>? Origins = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredDistributor))]
[JsonSerializable(typeof(StoredEntry))]
[JsonSerializable(typeof(StoredKey))]
internal sealed partial class StoredJson : JsonSerializerContext;
