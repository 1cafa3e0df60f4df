using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

/// <summary>
/// At start, records <c>Pipeline:Partitions</c> with the data (<see cref="PartitionCountStore"/>) or compares it with
/// the count recorded there, and refuses to start on a mismatch, naming both numbers. Registered before the bus, so a
/// consumer with the wrong count never takes a message. Redis unreachable at start does not stop the service (it
/// starts while Redis is down, as before): the check then runs once Redis answers, and a mismatch found then stops it.
/// </summary>
internal sealed class PartitionCountGuard(
    PartitionCountStore store, IOptions<PipelineOptions> pipeline, IHostApplicationLifetime lifetime, ILogger<PartitionCountGuard> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private Task _later = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            Compare(await store.RecordOrReadAsync(pipeline.Value.Prefix, pipeline.Value.Partitions));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis does not answer: the partition count is checked once it does");
            _later = CheckLaterAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _later.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task CheckLaterAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryDelay, stoppingToken);
                Compare(await store.RecordOrReadAsync(pipeline.Value.Prefix, pipeline.Value.Partitions));
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException) { }
            catch (PartitionCountMismatchException e)
            {
                logger.LogCritical("{Refusal}", e.Message);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
        }
    }

    private void Compare(int stored)
    {
        if (stored != pipeline.Value.Partitions) throw new PartitionCountMismatchException(pipeline.Value, stored);
    }
}

public sealed class PartitionCountMismatchException(PipelineOptions pipeline, int stored) : Exception(
    $"{PipelineOptions.Section}:{nameof(PipelineOptions.Partitions)} is {pipeline.Partitions}, but the data of namespace " +
    $"'{pipeline.Namespace}' was written with {stored} partitions (Redis key {PartitionCountStore.Key(pipeline.Prefix)}): " +
    $"configure {stored}, or change the count as docs/operations.md says (\"Changing the partition count\")");
