using System.Collections.Frozen;

namespace Streaming.Tenancy;

/// <summary>
/// Distributors, the catalog and the keys as loaded at one version: immutable, so every lookup is a read of a frozen
/// dictionary without locks, Redis or allocation.
/// </summary>
public sealed class TenancySnapshot
{
    private readonly FrozenDictionary<string, Grant>.AlternateLookup<ReadOnlySpan<char>> _grants;
    private readonly FrozenDictionary<string, string[]> _titlesOf;
    private readonly FrozenDictionary<string, string[]> _channelsOf;
    private readonly bool _everyOriginHasAPlayerKey;
    private readonly FrozenSet<string> _originsOfPlayerKeys;

    public TenancySnapshot(
        long version,
        IEnumerable<KeyValuePair<string, StoredDistributor>> distributors,
        IEnumerable<KeyValuePair<string, StoredEntry>> titles,
        IEnumerable<KeyValuePair<string, StoredEntry>> channels,
        IEnumerable<KeyValuePair<string, StoredKey>> keys)
    {
        Version = version;
        Distributors = distributors.ToFrozenDictionary(StringComparer.Ordinal);
        Titles = titles.ToFrozenDictionary(StringComparer.Ordinal);
        Channels = channels.ToFrozenDictionary(StringComparer.Ordinal);
        Keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        _grants = Keys
            .Where(k => CallerKindOf(k.Value.Kind) is not null)
            .ToFrozenDictionary(k => k.Key, k => new Grant(
                new Caller(CallerKindOf(k.Value.Kind)!.Value, k.Value.DistributorId, k.Key) { Origins = WebOrigins.Of(k.Value.Origins) },
                Convert.FromHexString(k.Value.SecretSha256)),
                StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _titlesOf = ByDistributor(Titles);
        _channelsOf = ByDistributor(Channels);
        var players = Keys.Values.Where(k => k.Kind == KeyKinds.Player).ToList();
        _everyOriginHasAPlayerKey = players.Any(k => k.Origins is null);
        _originsOfPlayerKeys = players.SelectMany(k => k.Origins ?? []).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public static TenancySnapshot Empty { get; } = new(0, [], [], [], []);

    /// <summary>The value of the version counter this snapshot was loaded at.</summary>
    public long Version { get; }

    public FrozenDictionary<string, StoredDistributor> Distributors { get; }
    public FrozenDictionary<string, StoredEntry> Titles { get; }
    public FrozenDictionary<string, StoredEntry> Channels { get; }
    public FrozenDictionary<string, StoredKey> Keys { get; }

    public bool HasTitle(string titleId) => Titles.ContainsKey(titleId);

    public bool HasChannel(string channelId) => Channels.ContainsKey(channelId);

    /// <summary>The titles a distributor owns, sorted ordinal; empty for one without titles or unknown.</summary>
    public IReadOnlyList<string> TitlesOf(string distributorId) => _titlesOf.GetValueOrDefault(distributorId, []);

    /// <summary>The channels a distributor owns, sorted ordinal; empty for one without channels or unknown.</summary>
    public IReadOnlyList<string> ChannelsOf(string distributorId) => _channelsOf.GetValueOrDefault(distributorId, []);

    public bool OwnsTitle(string distributorId, string titleId) =>
        Titles.TryGetValue(titleId, out var entry) && entry.DistributorId == distributorId;

    public bool OwnsChannel(string distributorId, string channelId) =>
        Channels.TryGetValue(channelId, out var entry) && entry.DistributorId == distributorId;

    /// <summary>The caller a distributor or ingest key stands for, or null for an unknown, revoked or malformed one.</summary>
    public Caller? Resolve(ReadOnlySpan<char> token) =>
        AccessToken.TrySplit(token, out var keyId, out var secret) && _grants.TryGetValue(keyId, out var grant) &&
        AccessToken.Matches(secret, grant.SecretSha256)
            ? grant.Caller
            : null;

    /// <summary>
    /// Whether some player key allows pages of <paramref name="origin"/> (<see cref="WebOrigins"/>): a key without
    /// origins allows every origin. What a CORS preflight, which carries no key, can be told.
    /// </summary>
    public bool PlayerKeysAllow(string origin) => _everyOriginHasAPlayerKey || _originsOfPlayerKeys.Contains(origin);

    private static FrozenDictionary<string, string[]> ByDistributor(FrozenDictionary<string, StoredEntry> entries) =>
        entries.GroupBy(e => e.Value.DistributorId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static CallerKind? CallerKindOf(string kind) => kind switch
    {
        KeyKinds.Access => CallerKind.Distributor,
        KeyKinds.Player => CallerKind.Player,
        KeyKinds.Billing => CallerKind.Billing,
        _ => null, // a kind this version does not know grants nothing
    };

    private sealed record Grant(Caller Caller, byte[] SecretSha256);
}
