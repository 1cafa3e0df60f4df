using Streaming.PartitionedState.Processing;

namespace Streaming.PartitionedState.Tests;

/// <summary>
/// <see cref="PartitionBatcher{TMessage}"/>: a batch takes what waits when the last one ends, up to the limit, one batch
/// of a partition at a time; outcomes reach every member; a message applied alone stays alone.
/// </summary>
public sealed class PartitionBatcherTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Records the batches it is given and holds each until the test releases it.</summary>
    private sealed class HeldBatches
    {
        private readonly object _gate = new();
        private readonly List<(int Partition, string[] Messages, TaskCompletionSource Release)> _batches = [];

        public Task Apply(int partition, IReadOnlyList<string> messages)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate) _batches.Add((partition, [.. messages], release));
            return release.Task;
        }

        public List<string[]> Batches(int partition)
        {
            lock (_gate) return [.. _batches.Where(b => b.Partition == partition).Select(b => b.Messages)];
        }

        public int Count
        {
            get { lock (_gate) return _batches.Count; }
        }

        public async Task UntilCountAsync(int count)
        {
            var until = DateTime.UtcNow + Wait;
            while (Count < count)
            {
                Assert.True(DateTime.UtcNow < until, $"expected {count} batches, saw {Count}");
                await Task.Delay(5);
            }
        }

        public void Release(int index, Exception? fault = null)
        {
            TaskCompletionSource release;
            lock (_gate) release = _batches[index].Release;
            if (fault is null) release.SetResult();
            else release.SetException(fault);
        }
    }

    [Fact]
    public async Task Messages_arriving_while_a_batch_is_applied_form_the_next_batch_up_to_the_limit()
    {
        var held = new HeldBatches();
        var batcher = new PartitionBatcher<string>(3, held.Apply);

        var first = batcher.ApplyAsync(0, "m0"); // an idle partition: applied at once, alone
        await held.UntilCountAsync(1);
        var waiting = Enumerable.Range(1, 5).Select(i => batcher.ApplyAsync(0, $"m{i}")).ToList();
        await Task.Delay(50);
        Assert.Equal(1, held.Count); // one batch of a partition at a time
        Assert.False(first.IsCompleted);

        held.Release(0);
        await first.WaitAsync(Wait);
        await held.UntilCountAsync(2);
        held.Release(1);
        await held.UntilCountAsync(3);
        held.Release(2);
        await Task.WhenAll(waiting).WaitAsync(Wait);

        Assert.Equal([["m0"], ["m1", "m2", "m3"], ["m4", "m5"]], held.Batches(0));
    }

    [Fact]
    public async Task Partitions_are_batched_apart_and_applied_side_by_side()
    {
        var held = new HeldBatches();
        var batcher = new PartitionBatcher<string>(10, held.Apply);

        var a = batcher.ApplyAsync(0, "a0");
        var b = batcher.ApplyAsync(1, "b0"); // partition 0 busy does not hold partition 1
        await held.UntilCountAsync(2);
        var a1 = batcher.ApplyAsync(0, "a1");
        var b1 = batcher.ApplyAsync(1, "b1");
        held.Release(0);
        held.Release(1);
        await held.UntilCountAsync(4);
        held.Release(2);
        held.Release(3);
        await Task.WhenAll(a, b, a1, b1).WaitAsync(Wait);

        Assert.Equal([["a0"], ["a1"]], held.Batches(0));
        Assert.Equal([["b0"], ["b1"]], held.Batches(1));
    }

    [Fact]
    public async Task A_failed_batch_fails_every_message_in_it_and_the_next_batch_still_runs()
    {
        var held = new HeldBatches();
        var batcher = new PartitionBatcher<string>(5, held.Apply);

        var first = batcher.ApplyAsync(0, "m0");
        await held.UntilCountAsync(1);
        var failing = new[] { batcher.ApplyAsync(0, "m1"), batcher.ApplyAsync(0, "m2") };
        held.Release(0);
        await held.UntilCountAsync(2);
        var after = batcher.ApplyAsync(0, "m3");
        var fault = new InvalidOperationException("redis said no");
        held.Release(1, fault);

        foreach (var message in failing)
        {
            Assert.Same(fault, await Assert.ThrowsAsync<InvalidOperationException>(() => message.WaitAsync(Wait)));
        }
        await held.UntilCountAsync(3);
        held.Release(2);
        await after.WaitAsync(Wait);
        await first.WaitAsync(Wait);
        Assert.Equal([["m0"], ["m1", "m2"], ["m3"]], held.Batches(0));
    }

    [Fact]
    public async Task A_message_applied_alone_is_a_batch_of_its_own_and_its_neighbours_batch_around_it()
    {
        var held = new HeldBatches();
        var batcher = new PartitionBatcher<string>(10, held.Apply);

        var first = batcher.ApplyAsync(0, "m0");
        await held.UntilCountAsync(1);
        var rest = new[]
        {
            batcher.ApplyAsync(0, "m1"), batcher.ApplyAsync(0, "m2"), batcher.ApplyAsync(0, "retried", alone: true),
            batcher.ApplyAsync(0, "m3"),
        };
        for (var i = 0; i < 4; i++)
        {
            held.Release(i);
            if (i < 3) await held.UntilCountAsync(i + 2);
        }
        await Task.WhenAll(rest.Append(first)).WaitAsync(Wait);

        Assert.Equal([["m0"], ["m1", "m2"], ["retried"], ["m3"]], held.Batches(0));
    }

    [Fact]
    public async Task A_batch_runs_in_the_execution_context_of_its_first_message()
    {
        var seen = new List<(string[] Batch, string? Context)>();
        var context = new AsyncLocal<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new PartitionBatcher<string>(10, async (_, messages) =>
        {
            lock (seen) seen.Add(([.. messages], context.Value));
            if (messages[0] == "m0") await gate.Task;
        });

        Task Submit(string message) => Task.Run(() =>
        {
            context.Value = "flow of " + message;
            return batcher.ApplyAsync(0, message);
        });
        var first = Submit("m0");
        while (true) { lock (seen) if (seen.Count == 1) break; await Task.Delay(5); }
        var second = Submit("m1");
        var third = Submit("m2");
        await Task.Delay(50);
        gate.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(Wait);

        // m1 and m2 were submitted in either order; the batch runs in the flow of whichever came first.
        Assert.Equal(2, seen.Count);
        Assert.Equal(["m0"], seen[0].Batch);
        Assert.Equal("flow of m0", seen[0].Context);
        Assert.Equal(2, seen[1].Batch.Length);
        Assert.Equal("flow of " + seen[1].Batch[0], seen[1].Context);
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionBatcher<string>(0, (_, _) => Task.CompletedTask));
    }
}
