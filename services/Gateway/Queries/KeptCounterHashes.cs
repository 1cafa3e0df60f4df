using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Counter hashes as read (their integer fields), each kept under the version of the day or month it holds
/// (<see cref="CounterVersions"/>), so that a query over days of which only some have changed since reads only those
/// from Redis: after one commit, the hashes of the days and partition it changed. A query that is read anew still pays
/// for the hashes its answer cannot be kept for, but no longer for every hash of its range. Hashes of today (UTC) are
/// not kept: while events arrive they change with nearly every batch. Bounded by <see cref="GatewayOptions.HashCacheBytes"/>.
/// </summary>
public sealed class KeptCounterHashes : IDisposable
{
    private readonly MemoryCache _entries;

    public KeptCounterHashes(IOptions<GatewayOptions> options)
    {
        Enabled = options.Value.HashCacheBytes > 0;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.HashCacheBytes) });
    }

    /// <summary>False when <see cref="GatewayOptions.HashCacheBytes"/> is 0: nothing is kept or looked up.</summary>
    public bool Enabled { get; }

    /// <summary>
    /// Whether a query over <paramref name="plan"/> may find or keep hashes: it reads at least one day before
    /// <paramref name="today"/> (UTC), and no more days than an answer is kept for (beyond that, reading the versions
    /// would cost more than the roll-ups they save).
    /// </summary>
    public bool Applies(PerformancePlan plan, DateOnly today) =>
        Enabled && plan.UtcDays.Count is > 0 and <= PerformanceAnswerCache.MaxDays && plan.UtcDays[0] < today;

    /// <summary>The hash <paramref name="key"/> as kept at <paramref name="version"/>, or null.</summary>
    public T? Get<T>(string key, string version) where T : class =>
        Enabled && _entries.TryGetValue(key, out Entry? entry) && entry!.Version == version ? entry.Hash as T : null;

    /// <summary>Keeps the hash <paramref name="key"/> as read at <paramref name="version"/>, in place of any other.</summary>
    /// <param name="bytes">About how much memory <paramref name="hash"/> holds.</param>
    public void Keep(string key, string version, object hash, long bytes)
    {
        if (!Enabled) return;
        _entries.Set(key, new Entry(version, hash), new MemoryCacheEntryOptions { Size = 2L * (key.Length + version.Length) + 200 + bytes });
    }

    /// <summary>About how much memory a hash's integer fields hold: each name's string and its pair in the list.</summary>
    public static long BytesOf(IReadOnlyList<KeyValuePair<string, long>> fields)
    {
        var bytes = 64L;
        foreach (var (name, _) in fields) bytes += 2L * name.Length + 48;
        return bytes;
    }

    public void Dispose() => _entries.Dispose();

    private sealed record Entry(string Version, object Hash);
}
