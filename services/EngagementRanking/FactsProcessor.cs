using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRanking.Domain;
using Streaming.EngagementRanking.Storage;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking;

/// <summary>
/// Applies one facts message: digests it per month × territory and unit, and commits it in steps that each stay in one
/// Redis slot (<see cref="EngagementStore"/>), so a republished batch changes nothing and a final month never changes
/// (its facts are counted as ignored, per month).
/// </summary>
public sealed class FactsProcessor(
    EngagementStore store,
    EngagementMetrics metrics,
    TimeProvider clock,
    IOptions<EngagementRankingOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<FactsProcessor> logger,
    LayoutGate? layout = null)
{
    private readonly string _ns = pipeline.Value.Prefix;

    public async Task<ApplyOutcome> ProcessAsync(StreamActivityRecorded message)
    {
        if (layout is not null) await layout.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        var digest = FactDigest.Of(message.Items);
        var grace = options.Value.FinalityGrace;
        var outcome = await store.ApplyAsync(new FactsCommit(_ns, message, digest, MonthFinality.FinalThrough(clock.GetUtcNow(), grace), grace,
            options.Value.BatchMarkerRetention));
        metrics.RedisApply.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        if (outcome.AlreadyApplied)
        {
            metrics.Duplicates.Add(1);
            logger.LogInformation("Facts batch {BatchId} was applied before; dropped", message.BatchId);
            return outcome;
        }
        metrics.FactsApplied.Add(outcome.FactsApplied);
        foreach (var (month, ignored) in outcome.IgnoredByMonth)
        {
            metrics.FactsIgnoredFinal.Add(ignored, new KeyValuePair<string, object?>("month", month));
            logger.LogInformation("Facts batch {BatchId}: {Ignored} facts of {Month} ignored, the month is final", message.BatchId, ignored, month);
        }
        return outcome;
    }
}
