using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Streaming.PartitionedState.Layouts;

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

    /// <summary>
    /// The days of <paramref name="days"/> whose sums for the query <paramref name="answerKey"/> are kept at the versions
    /// the day still has in every partition: they stand for every quarter-detail hash of the day.
    /// </summary>
    public IReadOnlyDictionary<DateOnly, DaySums> GetDays(string answerKey, IEnumerable<DateOnly> days, CounterVersions versions)
    {
        var kept = new Dictionary<DateOnly, DaySums>();
        foreach (var day in days)
        {
            if (versions.OfEveryPartition(day) is { } version && Get<DaySums>(DayKey(answerKey, day), version) is { } sums) kept[day] = sums;
        }
        return kept;
    }

    /// <summary>Keeps the sums of each of <paramref name="days"/> for the query <paramref name="answerKey"/> (a day missing
    /// from <paramref name="sums"/> had no counters) at the versions the day has in every partition.</summary>
    public void KeepDays(string answerKey, IEnumerable<DateOnly> days, IReadOnlyDictionary<DateOnly, DaySums> sums, CounterVersions versions)
    {
        foreach (var day in days)
        {
            if (versions.OfEveryPartition(day) is not { } version) continue;
            var daySums = sums.GetValueOrDefault(day) ?? DaySums.None;
            Keep(DayKey(answerKey, day), version, daySums, daySums.Bytes);
        }
    }

    // An answer key starts with a zone id: no Redis key of this product starts with "sums".
    private static string DayKey(string answerKey, DateOnly day) => string.Concat("sums\n", PerformanceCounterLayout.Day(day), "\n", answerKey);

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
