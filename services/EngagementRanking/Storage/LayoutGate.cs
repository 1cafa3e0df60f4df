using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Storage;

/// <summary>
/// Runs the <see cref="LayoutMigration"/> of the namespace once at start, in the background (the service starts while
/// Redis is away, as before), trying again while Redis does not answer. Facts and finality checks wait for it
/// (<see cref="Ready"/>): nothing is applied to a namespace before its counters are in the current layout.
/// </summary>
public sealed class LayoutGate(LayoutMigration migration, IOptions<PipelineOptions> pipeline, ILogger<LayoutGate> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    /// <summary>Until the migration is done; a transient fault (retried, as while Redis is away) after 30 s.</summary>
    public async Task WaitAsync()
    {
        try
        {
            await Ready.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TransientFaultException("the engagement layout migration has not finished (Redis away?): retried");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var moved = await migration.RunAsync(pipeline.Value.Prefix, stoppingToken);
                if (moved > 0) logger.LogInformation("Engagement counters of {Count} territory-months moved into their own slots", moved);
                _ready.TrySetResult();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The engagement layout migration failed; trying again in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }
}
