using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.Sessionization;

/// <summary>At start-up, publishes derived facts that a previous run committed but did not get out.</summary>
public sealed class OutboxFlusher(BatchProcessor processor, IBus bus, IOptions<PipelineOptions> pipeline, ILogger<OutboxFlusher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var p = 0; p < pipeline.Value.Partitions; p++)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await processor.FlushOutboxAsync(p, facts => bus.Publish(facts, stoppingToken));
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not flush the outbox of partition {Partition}; retrying", p);
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
    }
}
