using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.Sessionization.Publishing;

/// <summary>
/// Publishes what the outboxes still hold, in the background: at start everything a previous run left, then every
/// half <c>OutboxSweepAfter</c> the entries older than that (a publication that failed during a broker outage, a
/// removal that failed, a message returned because no queue took it), so they go out once the broker is back,
/// without a restart. A partition whose outbox cannot be read is tried again at the next pass.
/// </summary>
public sealed class OutboxSweeper(
    OutboxPublisher publisher,
    IBus bus,
    TimeProvider clock,
    IOptions<SessionizationOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<OutboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow();
        var sweepAfter = options.Value.OutboxSweepAfter;
        using var timer = new PeriodicTimer(sweepAfter / 2, clock);
        do
        {
            // Entries committed before this process started are nobody's to publish any more: they go at once.
            var cutoff = clock.GetUtcNow() - sweepAfter;
            await SweepAsync(cutoff > started ? cutoff : started, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every partition: the entries committed before <paramref name="committedBefore"/>.</summary>
    public async Task SweepAsync(DateTimeOffset committedBefore, CancellationToken cancellationToken)
    {
        for (var p = 0; p < pipeline.Value.Partitions && !cancellationToken.IsCancellationRequested; p++)
        {
            try
            {
                await publisher.PublishPendingAsync(p, committedBefore, facts => bus.Publish(facts, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not sweep the outbox of partition {Partition}; trying again at the next pass", p);
            }
        }
    }
}
