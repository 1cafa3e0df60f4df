using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRanking.Domain;
using Streaming.EngagementRanking.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking;

/// <summary>
/// Applies one facts message: digests it per month × territory and unit, and commits all of it, the watermark and
/// the BatchId marker in one Redis script, so a republished batch changes nothing and a final month never changes.
/// </summary>
public sealed class FactsProcessor(
    EngagementStore store,
    EngagementMetrics metrics,
    IOptions<EngagementRankingOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<FactsProcessor> logger)
{
    private readonly string _ns = pipeline.Value.Prefix;
    private int _cleanedSinceStart;

    public async Task<ApplyOutcome> ProcessAsync(StreamActivityRecorded message)
    {
        var started = Stopwatch.GetTimestamp();
        var digest = FactDigest.Of(message.Items);
        var (keys, args) = FactsCommit.Build(_ns, message.BatchId, digest, options.Value.AllowedLateness, options.Value.BatchMarkerRetention);
        var outcome = await store.ApplyAsync(keys, args);
        metrics.RedisApply.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        if (outcome.AlreadyApplied)
        {
            metrics.Duplicates.Add(1);
            logger.LogInformation("Facts batch {BatchId} was applied before; dropped", message.BatchId);
            return outcome;
        }
        metrics.FactsApplied.Add(outcome.FactsApplied);
        if (outcome.FactsIgnoredFinal > 0)
        {
            metrics.FactsIgnoredFinal.Add(outcome.FactsIgnoredFinal);
            logger.LogInformation("Facts batch {BatchId}: {Ignored} facts ignored, their month is final", message.BatchId, outcome.FactsIgnoredFinal);
        }
        if (outcome.MonthsClosed.Count > 0)
        {
            metrics.MonthsClosed.Add(outcome.MonthsClosed.Count);
            logger.LogInformation("Months {Months} are final (watermark {Watermark})", string.Join(", ", outcome.MonthsClosed),
                DateTimeOffset.FromUnixTimeMilliseconds(outcome.WatermarkMs ?? 0));
        }
        // Also once after start, for months closed by a run that stopped before deleting their customer detail.
        if (outcome.MonthsClosed.Count > 0 || Interlocked.Exchange(ref _cleanedSinceStart, 1) == 0)
        {
            await store.DeleteCustomersOfClosedMonthsAsync(_ns);
        }
        return outcome;
    }
}
