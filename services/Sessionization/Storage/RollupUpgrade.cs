using Microsoft.Extensions.Options;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// Makes sure a partition's performance roll-ups are complete before this process applies a batch of it: the first
/// batch of each partition runs <see cref="PerformanceRollupBackfill"/> (which does nothing once the partition's marker
/// is set), one at a time per partition; later batches pass at once. A failure (Redis away) fails the batch, which is
/// retried like any transient fault, and the next batch tries again.
/// </summary>
public sealed class RollupUpgrade(PerformanceRollupBackfill backfill, IOptions<PipelineOptions> pipeline, ILogger<RollupUpgrade> logger)
{
    private readonly bool[] _current = new bool[pipeline.Value.Partitions];
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, pipeline.Value.Partitions).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task EnsureAsync(int partition)
    {
        if (Volatile.Read(ref _current[partition])) return;
        await _locks[partition].WaitAsync();
        try
        {
            if (_current[partition]) return;
            var read = await backfill.RunAsync(pipeline.Value.Prefix, partition);
            if (read > 0) logger.LogInformation("Performance roll-ups of partition {Partition} backfilled from {Hashes} quarter-detail hashes", partition, read);
            Volatile.Write(ref _current[partition], true);
        }
        finally
        {
            _locks[partition].Release();
        }
    }
}
