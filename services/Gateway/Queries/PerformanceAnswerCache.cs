using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Performance answers as JSON, each kept with a fingerprint of the versions of the counters it was read from: the
/// version of every UTC day it reads in every partition (PerformanceCounterLayout.DayVersions). Each commit that changes
/// a day's counters gives the day a version it never had, in the same script, so an answer whose fingerprint is still
/// the current one is exactly what reading again would give: a dashboard over a period that no longer changes reads one
/// field per day and partition instead of the counters. A query that reaches today is read anew. The title list of
/// <c>GET /v1/titles</c> is kept here too, under the version of the title totals (<see cref="TitlesKeyOf"/>). Bounded by
/// <see cref="GatewayOptions.QueryCacheBytes"/>.
/// </summary>
public sealed class PerformanceAnswerCache : IDisposable
{
    /// <summary>Longest range kept, in UTC days: beyond it the versions would cost more to read than the roll-ups.</summary>
    public const int MaxDays = 400;

    private readonly MemoryCache _entries;

    public PerformanceAnswerCache(IOptions<GatewayOptions> options) =>
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.QueryCacheBytes });

    /// <summary>
    /// What the answer depends on besides the counters: the checked query (<paramref name="plan"/>), the titles read
    /// (<paramref name="titleIds"/>, null: every title), and which partitions are read from roll-ups. Null when the answer
    /// is not kept: a CSV download, an empty range, one longer than <see cref="MaxDays"/>, or one that reaches
    /// <paramref name="today"/> (UTC), whose counters change with nearly every batch while events arrive: reading
    /// their versions would only add a round trip.
    /// </summary>
    public static string? KeyOf(PerformancePlan plan, IReadOnlyList<string>? titleIds, IReadOnlyList<bool> upgraded, DateOnly today)
    {
        if (plan.Csv || plan.UtcDays.Count is 0 or > MaxDays || plan.UtcDays[^1] >= today)
        {
            return null;
        }
        var key = new StringBuilder()
            .Append(plan.Zone.Id).Append('|')
            .Append(plan.From.ToString("O", CultureInfo.InvariantCulture)).Append('|')
            .Append(plan.To.ToString("O", CultureInfo.InvariantCulture)).Append('|')
            .Append(plan.Granularity).Append('|').Append(plan.GroupBy?.ToString() ?? "-").Append('|')
            .Append(string.Concat(upgraded.Select(u => u ? '1' : '0')));
        foreach (var set in new[] { plan.TitleIds, plan.Offers, plan.Marketplaces })
        {
            key.Append("|s");
            foreach (var item in set.Order(StringComparer.Ordinal)) key.Append(item.Length).Append(':').Append(item);
        }
        key.Append("|r");
        if (titleIds is null)
        {
            return key.Append('*').ToString();
        }
        // A distributor's titles can be many: the key holds their digest, not the ids.
        return key.Append(DigestOf(titleIds)).ToString();
    }

    /// <summary>
    /// The key of the title list (<c>GET /v1/titles</c>) of a caller who sees these titles (null: every title), kept
    /// under the version of the title totals instead of day versions. No performance query's key starts with it (those
    /// start with a time zone id).
    /// </summary>
    public static string TitlesKeyOf(IReadOnlyList<string>? titleIds) => "/v1/titles|" + (titleIds is null ? "*" : DigestOf(titleIds));

    /// <summary>A digest of these title ids, in order, that no other list of ids has.</summary>
    public static string DigestOf(IEnumerable<string> titleIds)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var id in titleIds)
        {
            digest.AppendData(Encoding.UTF8.GetBytes(id.Length.ToString(CultureInfo.InvariantCulture) + ":" + id));
        }
        return Convert.ToHexString(digest.GetHashAndReset());
    }

    /// <summary>The answer kept for <paramref name="key"/> at these <paramref name="versions"/>, or null.</summary>
    public byte[]? Get(string key, string versions) =>
        _entries.TryGetValue(key, out Entry? entry) && entry!.Versions == versions ? entry.Json : null;

    /// <summary>Keeps <paramref name="json"/> as the answer for <paramref name="key"/> at <paramref name="versions"/>, in place of any other.</summary>
    public void Keep(string key, string versions, byte[] json) =>
        _entries.Set(key, new Entry(versions, json), new MemoryCacheEntryOptions { Size = json.Length + 2L * key.Length + 256 });

    public void Dispose() => _entries.Dispose();

    private sealed record Entry(string Versions, byte[] Json);
}
