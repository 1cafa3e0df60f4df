namespace Streaming.Gateway.Admin;

/// <summary>The body of <c>POST /v1/admin/distributors</c>.</summary>
public sealed record NewDistributor(string? DistributorId, string? Name);

/// <summary>A distributor just created with its first access key, shown this once.</summary>
public sealed record DistributorCreated(string DistributorId, string KeyId, string AccessKey);

public sealed record DistributorInfo(string DistributorId, string Name, DateTimeOffset CreatedAt);

/// <summary>An access key just issued, shown this once.</summary>
public sealed record AccessKeyCreated(string KeyId, string AccessKey);

/// <summary>An access key as listed: never its secret.</summary>
public sealed record AccessKeyInfo(string KeyId, DateTimeOffset CreatedAt);

/// <summary>The body of <c>PUT /v1/admin/titles/{titleId}</c> and <c>PUT /v1/admin/channels/{channelId}</c>.</summary>
public sealed record CatalogAssignment(string? DistributorId, string? Name);

public sealed record TitleEntry(string TitleId, string DistributorId, string? Name);

public sealed record ChannelEntry(string ChannelId, string DistributorId, string? Name);

/// <summary>
/// The body of <c>POST /v1/admin/ingest-keys</c>: <c>kind</c> is <c>player</c> or <c>billing</c>; a player key may list
/// the web <c>origins</c> whose pages may use it (any origin without them).
/// </summary>
public sealed record NewIngestKey(string? Name, string? Kind, string?[]? Origins = null);

/// <summary>An ingest key just issued, shown this once.</summary>
public sealed record IngestKeyCreated(string KeyId, string Key);

/// <summary>An ingest key as listed: never its secret. <c>origins</c> is null for a billing key and a player key any origin may use.</summary>
public sealed record IngestKeyInfo(string KeyId, string Name, string Kind, DateTimeOffset CreatedAt, IReadOnlyList<string>? Origins);
