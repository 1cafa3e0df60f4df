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
public sealed class PerformanceCounterReader(IConnectionMultiplexer redis, IOptions<PipelineOptions> pipeline, GatewayTelemetry telemetry)
{
    private int Partitions => pipeline.Value.Partitions;
    private string Prefix => pipeline.Value.Prefix;

    /// <summary>How many day hashes <see cref="ReadDaysAsync"/> reads for these days and titles (null: the rollup).</summary>
    public int DayKeyCount(int days, int? titles) => days * Partitions * (titles ?? 1);

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

    /// <summary>The all-time <c>titles</c> hash of each partition.</summary>
    public Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, long>>>> ReadTitleTotalsAsync() =>
        ReadAllAsync(Enumerable.Range(0, Partitions).Select(p => PerformanceCounterLayout.Titles(Prefix, p)).ToList());

    /// <summary>The day hashes of these UTC days in every partition: per title when titles are given, else the rollup.</summary>
    public async Task<IReadOnlyList<CounterHash>> ReadDaysAsync(IReadOnlyList<DateOnly> days, IReadOnlyCollection<string>? titleIds)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var read = QueueDays(batch, days, titleIds);
        batch.Execute();
        return await read;
    }

    /// <summary>
    /// <see cref="ReadDaysAsync"/> queued on a caller's batch, so that other reads share its round trip (the live view
    /// reads today's hashes with its own keys); the task completes once the batch has been executed.
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
            return wanted.Select((w, i) => new CounterHash(w.day, w.titleId, fields[i])).Where(h => h.Fields.Count > 0).ToList();
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
        return hashes.Select(IReadOnlyList<KeyValuePair<string, long>> (entries) => entries
                .Where(e => e.Value.TryParse(out long _))
                .Select(e => KeyValuePair.Create(e.Name.ToString(), (long)e.Value))
                .ToList())
            .ToList();
    }
}
