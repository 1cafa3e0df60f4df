using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.Gateway.Queries;
using Streaming.PartitionedState.Layouts;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Redis;

/// <summary>
/// Reads the performance counters that sessionization writes (layout: <see cref="PerformanceCounterLayout"/>), from
/// every partition, each request in one pipelined batch. Values that are not integers are skipped.
/// </summary>
public sealed class PerformanceCounterReader(
    IConnectionMultiplexer redis, IOptions<PipelineOptions> pipeline, KeptCounterHashes kept, GatewayTelemetry telemetry)
{
    // A marker once set stays set: a partition seen upgraded is not asked again.
    private readonly bool[] _upgraded = new bool[pipeline.Value.Partitions];

    private int Partitions => pipeline.Value.Partitions;
    private string Prefix => pipeline.Value.Prefix;

    /// <summary>Per partition, whether its roll-ups are complete (its layout marker is set).</summary>
    public async Task<IReadOnlyList<bool>> ReadUpgradedAsync()
    {
        var unknown = Enumerable.Range(0, Partitions).Where(p => !Volatile.Read(ref _upgraded[p])).ToList();
        if (unknown.Count > 0)
        {
            var batch = redis.GetDatabase().CreateBatch();
            var reads = unknown.Select(p => batch.StringGetAsync(PerformanceCounterLayout.LayoutKey(Prefix, p))).ToArray();
            batch.Execute();
            var values = await Task.WhenAll(reads);
            for (var i = 0; i < unknown.Count; i++)
            {
                if (values[i] == PerformanceCounterLayout.RollupLayout) Volatile.Write(ref _upgraded[unknown[i]], true);
            }
        }
        return [.. _upgraded];
    }

    /// <summary>
    /// The versions of these UTC days' counters in every partition (<see cref="PerformanceCounterLayout.DayVersions"/>),
    /// which change whenever any of those counters does; null when some partition keeps no day versions (its writer is
    /// older than them, or has committed nothing since).
    /// </summary>
    public async Task<CounterVersions?> ReadDayVersionsAsync(IReadOnlyList<DateOnly> days)
    {
        var fields = days.Select(d => (RedisValue)PerformanceCounterLayout.Day(d)).ToArray();
        var batch = redis.GetDatabase().CreateBatch();
        var reads = Enumerable.Range(0, Partitions).Select(p =>
        {
            var key = PerformanceCounterLayout.DayVersions(Prefix, p);
            return (Exists: batch.KeyExistsAsync(key), Versions: batch.HashGetAsync(key, fields));
        }).ToArray();
        batch.Execute();
        telemetry.KeysRead.Add(Partitions);
        await Task.WhenAll(reads.SelectMany(r => new Task[] { r.Exists, r.Versions }));
        var tokens = new List<IReadOnlyList<string?>>(Partitions);
        foreach (var (exists, versions) in reads)
        {
            if (!await exists)
            {
                return null;
            }
            tokens.Add([.. (await versions).Select(v => v.IsNull ? null : v.ToString())]);
        }
        return new CounterVersions(days, tokens);
    }

    /// <summary>
    /// The version of the all-time title totals (<see cref="PerformanceCounterLayout.TitlesVersionField"/>) of every
    /// partition, in partition order, which changes whenever any of them does; null when some partition has none (its
    /// writer is older than these versions, or has committed nothing since).
    /// </summary>
    public async Task<string?> ReadTitlesVersionAsync()
    {
        var batch = redis.GetDatabase().CreateBatch();
        var reads = Enumerable.Range(0, Partitions)
            .Select(p => batch.HashGetAsync(PerformanceCounterLayout.DayVersions(Prefix, p), PerformanceCounterLayout.TitlesVersionField))
            .ToArray();
        batch.Execute();
        telemetry.KeysRead.Add(Partitions);
        var versions = await Task.WhenAll(reads);
        return versions.Any(v => v.IsNull) ? null : string.Join(',', versions);
    }

    /// <summary>
    /// Everything <paramref name="reads"/> names, in one pipelined batch, plus a second one for the quarter detail of
    /// the titles that the day roll-ups of <see cref="PerformanceReads.TitlesOfDays"/> name. Null when that second
    /// batch would take the query over <paramref name="maxKeys"/> hashes. A whole hash of a day or month before
    /// <paramref name="today"/> is taken from <see cref="KeptCounterHashes"/> when it was kept at the version
    /// <paramref name="versions"/> gives it, and kept at that version when read.
    /// </summary>
    /// <param name="versions">The versions of the plan's days, read before this; null: nothing is kept or reused.</param>
    public async Task<(IReadOnlyList<CounterHash> Quarters, IReadOnlyList<RollupHash> Rollups)?> ReadAsync(
        PerformanceReads reads, int maxKeys, CounterVersions? versions, DateOnly today)
    {
        var keep = new Keeping(versions, today);
        var batch = redis.GetDatabase().CreateBatch();
        var quarters = QueueQuarters(batch, reads.Quarters, keep);
        var rollups = reads.Rollups.Select(r => QueueRollup(batch, r, keep)).ToArray();
        var titlesOfDays = reads.TitlesOfDays
            .Select(d => batch.HashKeysAsync(PerformanceCounterLayout.DayTitles(Prefix, d.Partition, d.Day)))
            .ToArray();
        batch.Execute();
        telemetry.KeysRead.Add(reads.TitlesOfDays.Count);
        var quarterHashes = await quarters;
        var rollupHashes = await Task.WhenAll(rollups);
        if (titlesOfDays.Length == 0)
        {
            return (quarterHashes, rollupHashes);
        }

        var more = new List<QuarterRead>();
        for (var i = 0; i < titlesOfDays.Length; i++)
        {
            var (partition, day) = reads.TitlesOfDays[i];
            more.AddRange((await titlesOfDays[i])
                .Select(f => TitleTotals.TryParseField(f.ToString(), out var titleId, out var watched) && watched ? titleId : null)
                .OfType<string>()
                .Select(t => new QuarterRead(partition, day, t)));
        }
        if (reads.KeyCount + more.Count > maxKeys)
        {
            return null;
        }
        var second = redis.GetDatabase().CreateBatch();
        var moreQuarters = QueueQuarters(second, more, keep);
        second.Execute();
        return ([.. quarterHashes, .. await moreQuarters], rollupHashes);
    }

    /// <summary>The versions hashes are kept at, and the first day that is not kept (today, UTC).</summary>
    private sealed class Keeping(CounterVersions? versions, DateOnly today)
    {
        private readonly Dictionary<IReadOnlyList<string>, string> _digests = new(ReferenceEqualityComparer.Instance);

        public string? OfDay(int partition, DateOnly day) => day < today ? versions?.Of(partition, day) : null;

        public string? OfMonth(int partition, DateOnly first) =>
            first.AddMonths(1) <= today ? versions?.OfMonth(partition, first.Year, first.Month) : null;

        /// <summary>What tells apart the reads of one hash for different titles: their digest (once per list), when anything is kept.</summary>
        public string TitlesDigest(IReadOnlyList<string> titleIds)
        {
            if (versions is null) return "";
            if (!_digests.TryGetValue(titleIds, out var digest)) _digests[titleIds] = digest = PerformanceAnswerCache.DigestOf(titleIds);
            return digest;
        }
    }

    private Task<IReadOnlyList<CounterHash>> QueueQuarters(IBatch batch, IReadOnlyList<QuarterRead> reads, Keeping keep)
    {
        var titlePrefixes = new string?[Partitions];
        var days = new Dictionary<DateOnly, string>();
        var read = QueueKept(batch,
            [.. reads.Select(r => Whole(r.Totals ? PerformanceCounterLayout.AllQuarters(Prefix, r.Partition, r.Day)
                : r.TitleId is null ? PerformanceCounterLayout.AllDay(Prefix, r.Partition, r.Day)
                : PerformanceCounterLayout.TitleDay(titlePrefixes[r.Partition] ??= PerformanceCounterLayout.TitlePrefix(Prefix, r.Partition), r.TitleId,
                    days.TryGetValue(r.Day, out var day) ? day : days[r.Day] = PerformanceCounterLayout.Day(r.Day)),
                keep.OfDay(r.Partition, r.Day)))],
            (b, key) => b.HashGetAllAsync(key), entries => DayCells.Parse(Integers(entries)), cells => cells.Bytes);
        return Collect();

        async Task<IReadOnlyList<CounterHash>> Collect()
        {
            var cells = await read;
            return [.. reads.Select((r, i) => new CounterHash(r.Day, r.TitleId, cells[i])).Where(h => h.Cells.Count > 0)];
        }
    }

    private Task<RollupHash> QueueRollup(IBatch batch, RollupRead read, Keeping keep)
    {
        var (p, start) = (read.Partition, read.Segment.Start);
        var key = (read.Kind, read.Month) switch
        {
            (RollupKind.AllTitles, true) => PerformanceCounterLayout.AllMonthRollup(Prefix, p, start.Year, start.Month),
            (RollupKind.AllTitles, false) => PerformanceCounterLayout.AllDayRollup(Prefix, p, start),
            (_, true) => PerformanceCounterLayout.MonthTitles(Prefix, p, start.Year, start.Month),
            _ => PerformanceCounterLayout.DayTitles(Prefix, p, start),
        };
        var version = read.Month ? keep.OfMonth(p, start) : keep.OfDay(p, start);
        RedisValue[]? names = null; // the fields of a distributor's titles, built only when read
        var fields = read.TitleIds is null
            ? QueueKept(batch, [Whole(key, version)], (b, k) => b.HashGetAllAsync(k), Integers, KeptCounterHashes.BytesOf)
            : QueueKept(batch, [new KeptRead(key, key + "\n" + keep.TitlesDigest(read.TitleIds), version)],
                (b, k) => b.HashGetAsync(k, names ??= TitleFieldNames(read.TitleIds)), values => TitleFields(names!, values), KeptCounterHashes.BytesOf);
        return Collect();

        async Task<RollupHash> Collect() => new(read.Segment.Bucket, read.Kind, (await fields)[0]);
    }

    /// <summary>A hash to read (<see cref="Key"/>), kept in memory as <see cref="Kept"/> at <see cref="Version"/> (null: not kept).</summary>
    private readonly record struct KeptRead(string Key, string Kept, string? Version);

    private static KeptRead Whole(string key, string? version) => new(key, key, version);

    /// <summary>
    /// These hashes, parsed: those with a version that were kept at it from memory, the others read with
    /// <paramref name="queue"/> on a caller's batch (and kept when they have a version).
    /// </summary>
    private async Task<IReadOnlyList<T>> QueueKept<TRead, T>(
        IBatch batch, IReadOnlyList<KeptRead> reads, Func<IBatch, string, Task<TRead>> queue, Func<TRead, T> parse, Func<T, long> bytes)
        where T : class
    {
        var hashes = new T[reads.Count];
        var pending = new List<(int Index, Task<TRead> Read)>();
        for (var i = 0; i < reads.Count; i++)
        {
            if (reads[i].Version is { } version && kept.Get<T>(reads[i].Kept, version) is { } hash) hashes[i] = hash;
            else pending.Add((i, queue(batch, reads[i].Key)));
        }
        telemetry.KeysRead.Add(pending.Count);
        telemetry.KeysKept.Add(reads.Count - pending.Count);
        foreach (var (i, read) in pending)
        {
            hashes[i] = parse(await read);
            if (reads[i].Version is { } version) kept.Keep(reads[i].Kept, version, hashes[i], bytes(hashes[i]));
        }
        return hashes;
    }

    /// <summary>The fields a per-title hash (<c>titles</c> and its roll-ups) keeps for these titles, in order.</summary>
    private static RedisValue[] TitleFieldNames(IReadOnlyList<string> titleIds) =>
        [.. titleIds.SelectMany(t => new RedisValue[] { PerformanceCounterLayout.TitleWatchedField(t), PerformanceCounterLayout.TitleStreamsField(t) })];

    /// <summary>
    /// The fields of an HMGET of <paramref name="names"/> that hold integers. A title without counters there has no field
    /// and so no entry (a missing value would parse as 0).
    /// </summary>
    private static IReadOnlyList<KeyValuePair<string, long>> TitleFields(RedisValue[] names, RedisValue[] values)
    {
        var fields = new List<KeyValuePair<string, long>>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            if (!values[i].IsNull && values[i].TryParse(out long value)) fields.Add(KeyValuePair.Create(names[i].ToString(), value));
        }
        return fields;
    }

    /// <summary>Every title id with all-time counters, from the field names of the <c>titles</c> hashes.</summary>
    public async Task<IReadOnlyList<string>> ReadTitleIdsAsync()
    {
        var fields = await ReadAllAsync(Enumerable.Range(0, Partitions).Select(p => PerformanceCounterLayout.Titles(Prefix, p)).ToList());
        return fields.SelectMany(f => f)
            .Select(f => TitleTotals.TryParseField(f.Key, out var titleId, out _) ? titleId : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The all-time <c>titles</c> hash of each partition: whole (<paramref name="titleIds"/> null, the operator), or only
    /// the fields of these titles (a distributor's), so that what a distributor's list costs follows its own titles,
    /// not every title in the namespace.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, long>>>> ReadTitleTotalsAsync(IReadOnlyList<string>? titleIds)
    {
        var keys = Enumerable.Range(0, Partitions).Select(p => PerformanceCounterLayout.Titles(Prefix, p)).ToList();
        if (titleIds is null)
        {
            return await ReadAllAsync(keys);
        }
        if (titleIds.Count == 0)
        {
            return [];
        }
        var names = TitleFieldNames(titleIds);
        var batch = redis.GetDatabase().CreateBatch();
        var reads = keys.Select(k => batch.HashGetAsync(k, names)).ToArray();
        batch.Execute();
        telemetry.KeysRead.Add(keys.Count);
        return [.. (await Task.WhenAll(reads)).Select(values => TitleFields(names, values))];
    }

    /// <summary>
    /// The quarter-detail day hashes of these UTC days in every partition (per title when titles are given, else the
    /// all-titles hashes), queued on a caller's batch, so that other reads share its round trip (the live view reads
    /// today's hashes with its own keys); the task completes once the batch has been executed.
    /// </summary>
    internal Task<IReadOnlyList<CounterHash>> QueueDays(IBatch batch, IReadOnlyList<DateOnly> days, IReadOnlyCollection<string>? titleIds)
    {
        var wanted = (
            from day in days
            from partition in Enumerable.Range(0, Partitions)
            from titleId in titleIds ?? [null!]
            select (day, titleId, key: titleId is null
                ? PerformanceCounterLayout.AllDay(Prefix, partition, day)
                : PerformanceCounterLayout.TitleDay(Prefix, partition, titleId, day))).ToList();
        var read = QueueAll(batch, wanted.Select(w => w.key).ToList());
        return Collect();

        async Task<IReadOnlyList<CounterHash>> Collect()
        {
            var fields = await read;
            return wanted.Select((w, i) => new CounterHash(w.day, w.titleId, fields[i])).Where(h => h.Cells.Count > 0).ToList();
        }
    }

    /// <summary>The integer fields of these hashes, read in one pipelined batch (the channel reader uses it too).</summary>
    internal async Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, long>>>> ReadAllAsync(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        var batch = redis.GetDatabase().CreateBatch();
        var read = QueueAll(batch, keys);
        batch.Execute();
        return await read;
    }

    private async Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, long>>>> QueueAll(IBatch batch, IReadOnlyList<string> keys)
    {
        var reads = keys.Select(k => batch.HashGetAllAsync(k)).ToArray();
        telemetry.KeysRead.Add(keys.Count);
        var hashes = await Task.WhenAll(reads);
        return [.. hashes.Select(Integers)];
    }

    private static IReadOnlyList<KeyValuePair<string, long>> Integers(HashEntry[] entries)
    {
        var fields = new List<KeyValuePair<string, long>>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.Value.TryParse(out long value)) fields.Add(KeyValuePair.Create(entry.Name.ToString(), value));
        }
        return fields;
    }
}
