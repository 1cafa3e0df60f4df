using System.Globalization;
using System.Text;
using StackExchange.Redis;
using Streaming.ServiceDefaults;
using Layout = Streaming.PartitionedState.Layouts.PerformanceCounterLayout;

namespace Streaming.PartitionedState.Storage;

/// <summary>
/// Brings one partition written before the roll-ups existed, or before the current ones (layout 2 had no quarter
/// totals), into the current layout: recomputes every day and month roll-up and every day's quarter totals
/// (<see cref="Layout"/>) from the partition's per-title quarter detail, overwrites them, then sets the partition's
/// layout marker. The partition's owner runs it before it applies its first batch, while no process of the
/// old version writes the partition, so the quarter detail does not change until the marker is set. Each overwrite is
/// refused once the marker holds the current layout (an older layout's does not stop it): a second backfiller that
/// finishes late can never undo a batch committed after the first one set it. A backfill that stops midway is run
/// again from the start (the same detail gives the same sums).
/// </summary>
public sealed class PerformanceRollupBackfill(IConnectionMultiplexer redis)
{
    private const int ReadChunk = 1000;

    private static readonly RedisScript Overwrite = RedisScript.FromResource(typeof(PerformanceRollupBackfill).Assembly, "overwrite-rollup.lua");

    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> IsCurrentAsync(string ns, int partition) =>
        await Db.StringGetAsync(Layout.LayoutKey(ns, partition)) == Layout.RollupLayout;

    /// <summary>Backfills the partition unless its marker is set; returns the quarter-detail hashes read (0: nothing to do).</summary>
    public async Task<int> RunAsync(string ns, int partition, CancellationToken cancellationToken = default)
    {
        if (await IsCurrentAsync(ns, partition)) return 0;
        var marker = Layout.LayoutKey(ns, partition);
        // Every commit writes the partition's stats and all-time title totals: without them no batch was ever applied,
        // so there is no detail to read, and a new namespace is marked at once instead of scanning the whole keyspace
        // (SCAN visits every key of the database, whatever its pattern).
        if (await Db.KeyExistsAsync([Layout.StatsKey(ns, partition), Layout.Titles(ns, partition)]) == 0)
        {
            await Db.StringSetAsync(marker, Layout.RollupLayout);
            return 0;
        }
        var titlePrefix = Layout.TitlePrefix(ns, partition);
        var keys = await ScanAsync(marker, Glob(titlePrefix) + "*", cancellationToken);

        var rollups = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(ReadChunk))
        {
            var batch = Db.CreateBatch();
            var reads = chunk.Select(k => batch.HashGetAllAsync(k)).ToArray();
            batch.Execute();
            for (var i = 0; i < chunk.Length; i++)
            {
                var entries = await reads[i];
                if (!TryParseTitleDay(chunk[i].ToString(), titlePrefix, out var titleId, out var day)) continue;
                foreach (var entry in entries)
                {
                    if (!entry.Value.TryParse(out long value) ||
                        !Layout.TryParseDayField(entry.Name!, out var quarter, out var offer, out var marketplace, out var suffix))
                    {
                        continue;
                    }
                    var watched = suffix == Layout.WatchedSuffix;
                    var titleField = watched ? Layout.TitleWatchedField(titleId) : Layout.TitleStreamsField(titleId);
                    Add(rollups, Layout.DayTitles(ns, partition, day), titleField, value);
                    Add(rollups, Layout.MonthTitles(ns, partition, day.Year, day.Month), titleField, value);
                    var allField = Layout.AllTitlesField(offer, marketplace, suffix);
                    Add(rollups, Layout.AllDayRollup(ns, partition, day), allField, value);
                    Add(rollups, Layout.AllMonthRollup(ns, partition, day.Year, day.Month), allField, value);
                    Add(rollups, Layout.AllQuarters(ns, partition, day), Layout.QuarterTotalField(quarter, suffix), value);
                }
            }
        }

        foreach (var chunk in rollups.Chunk(100))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var writes = chunk.Select(r => Overwrite.EvaluateAsync(Db, [marker, r.Key],
                [Layout.RollupLayout, .. r.Value.SelectMany(f => new RedisValue[] { f.Key, f.Value })])).ToArray();
            await Task.WhenAll(writes);
        }
        await Db.StringSetAsync(marker, Layout.RollupLayout);
        return keys.Count;
    }

    /// <summary>The partition's keys matching <paramref name="pattern"/>, from the server that holds the partition's slot.</summary>
    private async Task<List<RedisKey>> ScanAsync(string slotKey, string pattern, CancellationToken cancellationToken)
    {
        var endpoint = Db.IdentifyEndpoint(slotKey) ?? redis.GetEndPoints()[0];
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServer(endpoint).KeysAsync(Db.Database, pattern, pageSize: 1000).WithCancellation(cancellationToken))
        {
            keys.Add(key);
        }
        return keys;
    }

    private static bool TryParseTitleDay(string key, string titlePrefix, out string titleId, out DateOnly day)
    {
        // {titlePrefix}{titleId}:{yyyyMMdd}; a title id may hold ':', the day never does.
        titleId = "";
        day = default;
        var rest = key.AsSpan(titlePrefix.Length);
        if (rest.Length < 10 || rest[^9] != ':' ||
            !DateOnly.TryParseExact(rest[^8..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return false;
        }
        titleId = rest[..^9].ToString();
        return true;
    }

    private static void Add(Dictionary<string, Dictionary<string, long>> rollups, string key, string field, long value)
    {
        if (!rollups.TryGetValue(key, out var fields)) rollups[key] = fields = new Dictionary<string, long>(StringComparer.Ordinal);
        fields[field] = fields.GetValueOrDefault(field) + value;
    }

    /// <summary>Escapes the characters SCAN's MATCH reads as a pattern.</summary>
    private static string Glob(string literal)
    {
        var text = new StringBuilder(literal.Length);
        foreach (var c in literal)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') text.Append('\\');
            text.Append(c);
        }
        return text.ToString();
    }
}
