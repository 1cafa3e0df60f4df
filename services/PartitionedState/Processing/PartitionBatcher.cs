namespace Streaming.PartitionedState.Processing;

/// <summary>
/// Gathers the messages waiting for one partition into batches, one batch of a partition at a time, and takes every
/// message waiting when the partition's previous batch ends (up to <paramref name="maxPerBatch"/>): under load a batch
/// holds what the broker handed out meanwhile, and a message that arrives to an idle partition is applied at once.
/// <para>
/// MassTransit's <c>Batch&lt;T&gt;</c> consumer closes a batch a fixed time after its first message instead. On this
/// project's load that cut the prefetched messages into batches of about 4 of the 20 allowed: while one batch was
/// applied, the next was closed after 10 ms with the few messages the last acknowledgements had let in, and small
/// batches only ever freed a few (docs/benchmarks.md, "Batches that take what is waiting").
/// </para>
/// <para>
/// No thread of its own: each message's consumer calls <see cref="ApplyAsync"/> and waits. The first message of a
/// batch leads it: its call applies the batch, in its own execution context (its consume span is the batch's parent),
/// while the others wait for the outcome; when a batch ends, the first message still waiting leads the next. A failed
/// batch fails every message in it, each to be retried by its own consumer. A message marked <c>alone</c> (a retry) is
/// applied in a batch of its own, so a message that fails every batch it joins fails alone and its company goes on.
/// </para>
/// </summary>
/// <param name="maxPerBatch">The most messages one batch holds.</param>
/// <param name="apply">Applies one batch of a partition; its messages are in the order they arrived.</param>
public sealed class PartitionBatcher<TMessage>(int maxPerBatch, Func<int, IReadOnlyList<TMessage>, Task> apply)
{
    private readonly int _maxPerBatch = maxPerBatch >= 1 ? maxPerBatch : throw new ArgumentOutOfRangeException(nameof(maxPerBatch));
    private readonly Dictionary<int, Waiting> _partitions = [];

    /// <summary>Completes once the batch holding <paramref name="message"/> is applied; throws what that batch threw.</summary>
    /// <param name="alone">Apply this message in a batch of its own.</param>
    public async Task ApplyAsync(int partition, TMessage message, bool alone = false)
    {
        var entry = new Entry(message, alone);
        Waiting waiting;
        bool leads;
        lock (_partitions)
        {
            if (!_partitions.TryGetValue(partition, out waiting!)) _partitions[partition] = waiting = new Waiting();
            waiting.Queue.Enqueue(entry);
            leads = !waiting.Busy;
            waiting.Busy = true;
        }
        if (!leads && await entry.Outcome.Task == Role.Applied) return;

        // This message leads a batch: it is first in the queue (a batch takes messages in order, and hands over to the first left).
        var batch = Take(waiting);
        try
        {
            await apply(partition, [.. batch.Select(e => e.Message)]);
            foreach (var member in batch.Skip(1)) member.Outcome.TrySetResult(Role.Applied);
        }
        catch (Exception e)
        {
            foreach (var member in batch.Skip(1)) member.Outcome.TrySetException(e);
            throw;
        }
        finally
        {
            HandOver(waiting);
        }
    }

    private List<Entry> Take(Waiting waiting)
    {
        lock (_partitions)
        {
            var batch = new List<Entry> { waiting.Queue.Dequeue() };
            if (batch[0].Alone) return batch;
            while (batch.Count < _maxPerBatch && waiting.Queue.TryPeek(out var next) && !next.Alone)
            {
                batch.Add(waiting.Queue.Dequeue());
            }
            return batch;
        }
    }

    /// <summary>The first message still waiting leads the next batch; with none, the partition is idle.</summary>
    private void HandOver(Waiting waiting)
    {
        Entry? next;
        lock (_partitions)
        {
            waiting.Busy = waiting.Queue.TryPeek(out next);
        }
        next?.Outcome.TrySetResult(Role.Leads);
    }

    private enum Role { Applied, Leads }

    private sealed class Entry(TMessage message, bool alone)
    {
        public TMessage Message { get; } = message;
        public bool Alone { get; } = alone;

        /// <summary>Continuations run asynchronously: a leader's completion never runs another batch inline.</summary>
        public TaskCompletionSource<Role> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Waiting
    {
        public Queue<Entry> Queue { get; } = new();

        /// <summary>A batch is being applied, or its leader has been named.</summary>
        public bool Busy { get; set; }
    }
}
