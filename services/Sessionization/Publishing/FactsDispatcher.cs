using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization.Publishing;

/// <summary>Facts a batch has committed (their outbox entry is in Redis), waiting to be published.</summary>
/// <param name="CommittedBy">The span of the batch that committed them: their publication continues its trace.</param>
public sealed record CommittedFacts(
    string BatchId, PackedStreamActivityRecorded Facts, ActivityContext CommittedBy, Func<PackedStreamActivityRecorded, Task> Publish);

/// <summary>
/// Publishes committed facts off the batch's path: a batch is done (and its messages acknowledged) once its commit,
/// outbox entry included, is in Redis, so the broker's confirmation of the facts and the entry's removal no longer
/// hold up the partition's next batch. One worker per partition takes what has queued up, publishes it together (the
/// confirmations overlap), and removes the published entries together, in one command at most every <see cref="RemoveEvery"/>.
/// Nothing is lost when the process dies in between: the entries are in the outbox and the sweep publishes them.
/// The queue is bounded, so a slow broker slows the batches down instead of filling memory. A progress probe is
/// answered only after <see cref="DrainAsync"/>: facts reach the engagement ranking before the progress that vouches for them.
/// </summary>
public sealed class FactsDispatcher(OutboxPublisher outbox, ILogger<FactsDispatcher> logger) : IHostedService
{
    /// <summary>Committed batches a partition may have waiting for publication before the next batch waits.</summary>
    public const int QueuedPerPartition = 16;

    /// <summary>Most batches' facts published together by one pass of a worker.</summary>
    public const int MostPerPass = 64;

    /// <summary>How long published entries may wait to be removed together (the sweep leaves entries younger than 30 s).</summary>
    public static readonly TimeSpan RemoveEvery = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<int, Lazy<Worker>> _workers = new();

    /// <summary>Queues the facts for publication; waits only while the partition already has a full queue.</summary>
    public ValueTask EnqueueAsync(int partition, string batchId, PackedStreamActivityRecorded facts, Func<PackedStreamActivityRecorded, Task> publish) =>
        For(partition).Queue.Writer.WriteAsync(new Item(new CommittedFacts(batchId, facts, Activity.Current?.Context ?? default, publish), null));

    /// <summary>Completes once everything the partition queued before the call has been published or left in the outbox.</summary>
    public async Task DrainAsync(int partition, CancellationToken cancellationToken = default)
    {
        if (!_workers.TryGetValue(partition, out var lazy)) return;
        var worker = lazy.Value;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await worker.Queue.Writer.WriteAsync(new Item(null, drained), cancellationToken);
        await drained.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Publishes what is queued before the bus stops (within the host's shutdown time); the rest waits in the outbox.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_workers.Keys.Select(p => DrainAsync(p, cancellationToken)));

    private Worker For(int partition) => _workers.GetOrAdd(partition, p => new Lazy<Worker>(() => new Worker(p, this))).Value;

    private async Task RunAsync(int partition, ChannelReader<Item> reader)
    {
        var pass = new List<Item>(MostPerPass);
        var published = new List<string>();
        var lastRemoval = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                // Published entries are removed together, at most every RemoveEvery: with Redis syncing its log to disk
                // on every write, one removal per batch would cost as many disk flushes as the commits themselves.
                var due = RemoveEvery - Stopwatch.GetElapsedTime(lastRemoval);
                if (published.Count > 0 && due <= TimeSpan.Zero)
                {
                    await RemoveAsync(partition, published);
                    lastRemoval = Stopwatch.GetTimestamp();
                    continue;
                }
                if (published.Count > 0)
                {
                    using var timeout = new CancellationTokenSource(due);
                    try
                    {
                        if (!await reader.WaitToReadAsync(timeout.Token)) return;
                    }
                    catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                    {
                        continue;
                    }
                }
                else if (!await reader.WaitToReadAsync())
                {
                    return;
                }

                pass.Clear();
                while (pass.Count < MostPerPass && reader.TryRead(out var item)) pass.Add(item);
                var facts = pass.Where(i => i.Facts is not null).Select(i => i.Facts!).ToList();
                if (facts.Count > 0) published.AddRange(await outbox.PublishCommittedAsync(partition, facts));
                if (pass.Any(i => i.Drained is not null))
                {
                    // Whoever waits for the queue to drain reads the outbox next: it must hold only what is unpublished.
                    await RemoveAsync(partition, published);
                    lastRemoval = Stopwatch.GetTimestamp();
                }
            }
            catch (Exception e)
            {
                // The publisher reports its own failures; whatever else went wrong, the entries wait for the sweep.
                logger.LogError(e, "Publishing committed facts of partition {Partition} failed; they wait in the outbox for the sweep", partition);
            }
            foreach (var item in pass) item.Drained?.TrySetResult();
            pass.Clear();
        }
    }

    private async Task RemoveAsync(int partition, List<string> published)
    {
        var batchIds = published.ToArray();
        published.Clear();
        await outbox.RemovePublishedAsync(partition, batchIds);
    }

    private sealed record Item(CommittedFacts? Facts, TaskCompletionSource? Drained);

    private sealed class Worker
    {
        public Channel<Item> Queue { get; } = Channel.CreateBounded<Item>(new BoundedChannelOptions(QueuedPerPartition)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        public Worker(int partition, FactsDispatcher dispatcher)
        {
            // The worker outlives the batch that started it: it must not run inside that batch's span.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => dispatcher.RunAsync(partition, Queue.Reader));
            }
        }
    }
}
