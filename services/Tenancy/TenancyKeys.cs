using StackExchange.Redis;

namespace Streaming.Tenancy;

/// <summary>
/// The Redis keys of distributors, the catalog and keys, all under the pipeline namespace and the hash tag
/// <c>{tenancy}</c>, so one script changes several of them atomically, on Redis Cluster too. None expires.
/// <list type="bullet">
/// <item><c>{ns}tenancy:{tenancy}:distributors</c> hash: distributorId → <see cref="StoredDistributor"/> JSON.</item>
/// <item><c>{ns}tenancy:{tenancy}:titles</c>, <c>…:channels</c> hashes: titleId / channelId → <see cref="StoredEntry"/> JSON.</item>
/// <item><c>{ns}tenancy:{tenancy}:keys</c> hash: keyId → <see cref="StoredKey"/> JSON (the secret's SHA-256, never the secret).</item>
/// <item><c>{ns}tenancy:{tenancy}:version</c> counter: raised by every change; services poll it and reload on a change.</item>
/// </list>
/// </summary>
public sealed class TenancyKeys(string prefix)
{
    private readonly string _start = prefix + "tenancy:{tenancy}:";

    public RedisKey Distributors => _start + "distributors";
    public RedisKey Titles => _start + "titles";
    public RedisKey Channels => _start + "channels";
    public RedisKey Keys => _start + "keys";
    public RedisKey Version => _start + "version";
}
