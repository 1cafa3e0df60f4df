using Microsoft.Extensions.Options;

namespace Streaming.EngagementRanking.Finality;

/// <summary>
/// Every <c>FinalityCheckInterval</c> on the service's clock: closes what is due, then sends fresh progress probes,
/// whose answers the next check closes with. A failed round (Redis or the broker away) is logged and tried again.
/// </summary>
public sealed class FinalityClock(
    FinalityCheck check,
    ProgressProbes probes,
    TimeProvider clock,
    IOptions<EngagementRankingOptions> options,
    ILogger<FinalityClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AllowedLateness != EngagementRankingOptions.DefaultAllowedLateness)
        {
            logger.LogWarning("EngagementRanking:AllowedLateness no longer decides when a month is final and is ignored; " +
                              "EngagementRanking:FinalityGrace does (docs/metrics.md)");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.FinalityCheckInterval, clock, stoppingToken);
            try
            {
                await check.RunAsync();
                await probes.SendAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Month finality check failed; trying again in {Interval}", options.Value.FinalityCheckInterval);
            }
        }
    }
}
