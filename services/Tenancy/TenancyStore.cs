using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.Tenancy;

/// <summary>
/// Reads and changes distributors, the catalog and keys in Redis (<see cref="TenancyKeys"/>). Every change is one
/// script that checks, writes and raises the version counter together, so a service never loads half a change and
/// always sees that something changed.
/// </summary>
public sealed class TenancyStore(IConnectionMultiplexer redis, IOptions<PipelineOptions> pipeline, TimeProvider time)
{
    // KEYS: distributors, keys, version. ARGV: distributorId, distributor JSON, keyId, key JSON. 0 when the id is taken.
    private const string CreateDistributorScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
        redis.call('INCR', KEYS[3])
        return 1
        """;

    // KEYS: distributors, target hash, version. ARGV: distributorId, then field, value pairs. 0 when the distributor is unknown.
    private const string PutOwnedScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[2], unpack(ARGV, 2))
        redis.call('INCR', KEYS[3])
        return 1
        """;

    // KEYS: hash, version. ARGV: field, value.
    private const string PutScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('INCR', KEYS[2])
        return 1
        """;

    // KEYS: hash, version. ARGV: field. 0 when there was nothing to delete.
    private const string DeleteScript = """
        if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('INCR', KEYS[2])
        return 1
        """;

    // KEYS: version, distributors, titles, channels, keys. One consistent read of everything.
    private const string LoadScript = """
        return { redis.call('GET', KEYS[1]) or '0', redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3]),
                 redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5]) }
        """;

    private readonly TenancyKeys _keys = new(pipeline.Value.Prefix);

    public TenancyKeys Keys => _keys;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The version counter alone: what services poll.</summary>
    public async Task<long> VersionAsync() => (long?)await Db.StringGetAsync(_keys.Version) ?? 0;

    public async Task<TenancySnapshot> LoadAsync()
    {
        var parts = (RedisResult[])(await Db.ScriptEvaluateAsync(LoadScript,
            [_keys.Version, _keys.Distributors, _keys.Titles, _keys.Channels, _keys.Keys]))!;
        return new TenancySnapshot(
            (long)parts[0],
            Pairs(parts[1], StoredJson.Default.StoredDistributor),
            Pairs(parts[2], StoredJson.Default.StoredEntry),
            Pairs(parts[3], StoredJson.Default.StoredEntry),
            Pairs(parts[4], StoredJson.Default.StoredKey));
    }

    /// <summary>Creates a distributor with its first access key; null when the id is taken.</summary>
    public async Task<IssuedKey?> CreateDistributorAsync(string distributorId, string name)
    {
        var now = time.GetUtcNow();
        var issued = Issue(KeyKinds.Access, distributorId, null, now);
        var created = (int)await Db.ScriptEvaluateAsync(CreateDistributorScript, [_keys.Distributors, _keys.Keys, _keys.Version],
            [distributorId, Json(new StoredDistributor(name, now)), issued.KeyId, issued.Stored]);
        return created == 1 ? issued.Key : null;
    }

    /// <summary>Issues another access key to a distributor; null when there is no such distributor.</summary>
    public async Task<IssuedKey?> AddAccessKeyAsync(string distributorId)
    {
        var issued = Issue(KeyKinds.Access, distributorId, null, time.GetUtcNow());
        return await PutOwnedAsync(distributorId, _keys.Keys, issued.KeyId, issued.Stored) ? issued.Key : null;
    }

    /// <summary>
    /// Issues an ingest key; a player key may name the web origins whose pages may use it (normalized,
    /// <see cref="WebOrigins.Normalize"/>), any origin without them.
    /// </summary>
    public async Task<IssuedKey> AddIngestKeyAsync(string kind, string name, IReadOnlyList<string>? origins = null)
    {
        var issued = Issue(kind, null, name, time.GetUtcNow(), origins);
        await Db.ScriptEvaluateAsync(PutScript, [_keys.Keys, _keys.Version], [issued.KeyId, issued.Stored]);
        return issued.Key;
    }

    /// <summary>Revokes a key of any kind; false when there is none by that id.</summary>
    public async Task<bool> RevokeKeyAsync(string keyId) =>
        (int)await Db.ScriptEvaluateAsync(DeleteScript, [_keys.Keys, _keys.Version], [keyId]) == 1;

    /// <summary>Puts a title in the catalog (or moves it); false when the distributor is unknown.</summary>
    public Task<bool> PutTitleAsync(string titleId, StoredEntry entry) =>
        PutOwnedAsync(entry.DistributorId, _keys.Titles, titleId, Json(entry));

    /// <summary>Puts a channel in the catalog (or moves it); false when the distributor is unknown.</summary>
    public Task<bool> PutChannelAsync(string channelId, StoredEntry entry) =>
        PutOwnedAsync(entry.DistributorId, _keys.Channels, channelId, Json(entry));

    /// <summary>Puts many titles under one distributor (no names), a thousand per script; false when the distributor is unknown.</summary>
    public Task<bool> PutTitlesAsync(string distributorId, IEnumerable<string> titleIds) => PutManyAsync(distributorId, _keys.Titles, titleIds);

    /// <summary>Puts many channels under one distributor (no names), a thousand per script; false when the distributor is unknown.</summary>
    public Task<bool> PutChannelsAsync(string distributorId, IEnumerable<string> channelIds) => PutManyAsync(distributorId, _keys.Channels, channelIds);

    private async Task<bool> PutManyAsync(string distributorId, RedisKey hash, IEnumerable<string> ids)
    {
        var value = Json(new StoredEntry(distributorId, null));
        foreach (var chunk in ids.Chunk(1000)) // Lua's unpack has a stack limit of a few thousand values
        {
            if (!await PutOwnedAsync(distributorId, hash, [.. chunk.SelectMany(id => new RedisValue[] { id, value })])) return false;
        }
        return true;
    }

    private Task<bool> PutOwnedAsync(string distributorId, RedisKey hash, string field, string value) =>
        PutOwnedAsync(distributorId, hash, [field, value]);

    private async Task<bool> PutOwnedAsync(string distributorId, RedisKey hash, RedisValue[] pairs) =>
        (int)await Db.ScriptEvaluateAsync(PutOwnedScript, [_keys.Distributors, hash, _keys.Version], [distributorId, .. pairs]) == 1;

    private static (string KeyId, string Stored, IssuedKey Key) Issue(
        string kind, string? distributorId, string? name, DateTimeOffset now, IReadOnlyList<string>? origins = null)
    {
        var keyId = AccessToken.NewKeyId(kind);
        var secret = AccessToken.NewSecret();
        var stored = new StoredKey(kind, distributorId, name, AccessToken.HashHex(secret), now, origins);
        return (keyId, Json(stored), new IssuedKey(keyId, AccessToken.Compose(keyId, secret)));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, typeof(T), StoredJson.Default);

    private static IEnumerable<KeyValuePair<string, T>> Pairs<T>(RedisResult flat, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var items = (RedisResult[])flat!;
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            yield return new((string)items[i]!, JsonSerializer.Deserialize((string)items[i + 1]!, type)!);
        }
    }
}

/// <summary>A key just issued: its public id and the whole token, which is shown this once.</summary>
public sealed record IssuedKey(string KeyId, string Token);
