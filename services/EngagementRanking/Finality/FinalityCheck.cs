using Microsoft.Extensions.Options;
using Streaming.EngagementRanking.Storage;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Finality;

/// <summary>
/// Closes the months that are due (<see cref="MonthFinality"/>) and deletes the customer detail of closed months. It
/// closes with the progress the previous run read, one check interval earlier: a partition's facts published before
/// its progress were still being applied then (several at once), and have landed since.
/// </summary>
public sealed class FinalityCheck(
    MonthStore months,
    EngagementMetrics metrics,
    TimeProvider clock,
    IOptions<EngagementRankingOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<FinalityCheck> logger,
    LayoutGate? layout = null)
{
    private readonly string _ns = pipeline.Value.Prefix;
    private readonly TimeSpan _grace = options.Value.FinalityGrace;
    private DateTimeOffset? _settled;

    /// <summary>One check; the months it closed.</summary>
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        if (layout is not null) await layout.WaitAsync();
        var now = clock.GetUtcNow();
        var settled = _settled;
        var closed = await months.CloseDueAsync(_ns, MonthFinality.FinalThrough(now, _grace),
            settled is { } s ? MonthFinality.FinalThrough(s, _grace) : null, settled, now);
        if (closed.Count > 0)
        {
            metrics.MonthsClosed.Add(closed.Count);
            logger.LogInformation("Months {Months} are final: every partition has caught up to {CaughtUpTo:o}", string.Join(", ", closed), settled);
        }
        // Every run, not only after a close: a run that stopped before deleting leaves the month queued.
        await months.DeleteCustomersOfClosedMonthsAsync(_ns);
        _settled = MonthFinality.CaughtUpTo(await months.ProgressAsync(_ns), pipeline.Value.Partitions);
        return closed;
    }
}
