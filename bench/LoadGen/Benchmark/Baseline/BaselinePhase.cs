using System.Diagnostics;
using MassTransit;
using StackExchange.Redis;

namespace Streaming.Bench.LoadGen.Benchmark.Baseline;

/// <summary>
/// Phase (c): what the same broker and Redis do with the plainest MassTransit 8 pipeline: one message per event
/// sent to a durable queue with publisher confirms, prefetch 1000, consumed in this process with one HINCRBY each.
/// End to end = first send until the counter (polled every 20 ms) reaches the message count. The queue is deleted
/// before and after, the counter key after, so nothing is left behind.
/// </summary>
public static class BaselinePhase
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    public static async Task<BaselineResult> RunAsync(BenchOptions options, IDatabase redis, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var queue = $"{options.KeyPrefix}bench-baseline";
        RedisKey counter = $"{options.KeyPrefix}bench:baseline:{run}";
        await BaselineTopology.DeleteAsync(options.Rabbit, queue);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(options.Rabbit, "/", h =>
            {
                h.Username("guest");
                h.Password("guest");
                h.PublisherConfirmation = true;
            });
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.PrefetchCount = 1000;
                e.Durable = true;
                e.ConfigureConsumeTopology = false; // messages are sent straight to the queue
                e.Consumer(() => new BaselineConsumer(redis, counter));
            });
        });
        await bus.StartAsync(cancellationToken);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            var clock = Stopwatch.StartNew();
            await using var watch = new CounterWatch(async () => (long)await redis.HashGetAsync(counter, BaselineConsumer.Field), clock, PollEvery);
            var next = -1;
            var baseMs = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();

            async Task SendAsync()
            {
                for (var i = Interlocked.Increment(ref next); i < options.BaselineEvents; i = Interlocked.Increment(ref next))
                {
                    await endpoint.Send(new BaselineEvent { EventId = $"{run}-{i}", TitleId = $"t{i % 300}", OccurredAtMs = baseMs + i }, cancellationToken);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, options.BaselineInFlight).Select(_ => Task.Run(SendAsync, cancellationToken)));
            var publishDone = clock.Elapsed;
            var endToEnd = await watch.WaitUntilAsync(options.BaselineEvents, options.StallTimeout, cancellationToken);
            if (endToEnd is null)
            {
                Console.WriteLine($"  GAVE UP: the counter reached {watch.Latest:N0} of {options.BaselineEvents:N0}");
            }
            return new BaselineResult(options.BaselineEvents, publishDone, endToEnd);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
            await redis.KeyDeleteAsync(counter);
            await BaselineTopology.DeleteAsync(options.Rabbit, queue);
        }
    }
}
