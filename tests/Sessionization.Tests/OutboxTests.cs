using StackExchange.Redis;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.Sessionization.Publishing;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Tests;

/// <summary>
/// The outbox on the real Redis with a fake publication: an entry goes only after its publication completed, one whose
/// publication failed waits for the sweep, and an entry that cannot be published does not hold back the others.
/// Every batch here is one play and one heartbeat 30 s later of its own customer: one fact, 1 stream and 30,000 ms.
/// </summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class OutboxTests(RealDependencies deps)
{
    private const int Partition = 1;
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-10-31T23:50:00Z");
    private static readonly TimeSpan SweepAfter = new SessionizationOptions().OutboxSweepAfter;

    private readonly string _ns = RealDependencies.NewNamespace("outbox") + ".";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-01T00:00:00Z"));
    private readonly List<StreamActivityRecorded> _published = [];
    private SessionKeys Keys => new(_ns);
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= Processors.Services(deps.Redis, _ns, _clock);
    private BatchProcessor Processor => Services.GetRequiredService<BatchProcessor>();
    private OutboxPublisher Outbox => Services.GetRequiredService<OutboxPublisher>();

    private IDatabase Db => deps.Redis.GetDatabase();

    private Task Publish(PackedStreamActivityRecorded facts)
    {
        _published.Add(facts.ToUnpacked());
        return Task.CompletedTask;
    }

    private static Task Refuse(PackedStreamActivityRecorded facts) => throw new IOException("the broker is away");

    /// <summary>Commits one batch of <paramref name="customer"/> whose publication fails; its facts stay in the outbox. Its BatchId.</summary>
    private async Task<string> CommittedButNotPublishedAsync(string customer)
    {
        var batch = Batch(customer);
        await Processor.ProcessAsync(Partition, [batch], Refuse);
        await Processor.FactsSentAsync(Partition);
        return batch.MessageId.ToString("N");
    }

    private static BatchMessage Batch(string customer) => new(Guid.NewGuid(), new PlaybackEventsAccepted
    {
        Partition = Partition,
        AcceptedAt = T0,
        Events = [Event(customer, "play", 0), Event(customer, "heartbeat", 30)],
    });

    private static PlaybackEvent Event(string customer, string type, int seconds) => new()
    {
        EventId = $"{customer}-{type}", Type = type, OccurredAt = T0.AddSeconds(seconds),
        CustomerId = customer, DeviceId = "tv", TitleId = "t1", Marketplace = "US", Offer = "prime",
    };

    private async Task<string[]> OutboxAsync() => (await Db.HashKeysAsync(Keys.Outbox(Partition))).Select(k => (string)k!).Order().ToArray();

    private async Task<string[]> DeadLetterAsync() => (await Db.HashKeysAsync(Keys.OutboxDeadLetter(Partition))).Select(k => (string)k!).Order().ToArray();

    private string[] PublishedBatches() => _published.Select(f => f.BatchId.ToString("N")).Order().ToArray();

    /// <summary>One pass of the sweep as it runs now: entries committed more than <see cref="SweepAfter"/> ago.</summary>
    private Task<OutboxPass> SweepAsync(Func<PackedStreamActivityRecorded, Task> publish) =>
        Outbox.PublishPendingAsync(Partition, _clock.GetUtcNow() - SweepAfter, publish);

    [Fact]
    public async Task A_failed_publication_leaves_the_entry_and_the_sweep_publishes_it_once_it_is_old_enough()
    {
        var batchId = await CommittedButNotPublishedAsync("c1");
        Assert.Equal([batchId], await OutboxAsync());

        // 29 s later its batch could still be publishing it: the sweep leaves it.
        _clock.Advance(SweepAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxPass(0, 0, 0, null), await SweepAsync(Publish));
        Assert.Empty(_published);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new OutboxPass(1, 0, 0, null), await SweepAsync(Publish));
        var facts = Assert.Single(_published);
        Assert.Equal(batchId, facts.BatchId.ToString("N"));
        Assert.Equal((1, 30_000L), (facts.Items.Single().StreamsDelta, facts.Items.Single().WatchedMillisecondsDelta));
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task A_corrupt_entry_beside_two_good_ones_is_set_aside_and_both_good_ones_go_out()
    {
        var good = new[] { await CommittedButNotPublishedAsync("c1"), await CommittedButNotPublishedAsync("c2") };
        await Db.HashSetAsync(Keys.Outbox(Partition), "corrupt", "{\"Packed\":");

        var pass = await Outbox.PublishPendingAsync(Partition, null, Publish);

        Assert.Equal(new OutboxPass(2, 0, 1, null), pass);
        Assert.Equal(good.Order(), PublishedBatches());
        Assert.Empty(await OutboxAsync());
        Assert.Equal(["corrupt"], await DeadLetterAsync());
        Assert.Equal("{\"Packed\":", (string?)await Db.HashGetAsync(Keys.OutboxDeadLetter(Partition), "corrupt"));
    }

    [Fact]
    public async Task A_batch_is_done_before_its_facts_are_confirmed_and_their_entry_is_removed_only_once_they_are()
    {
        var batch = Batch("c1");
        var publishing = new TaskCompletionSource();
        var confirmed = new TaskCompletionSource();
        await Processor.ProcessAsync(Partition, [batch], _ =>
        {
            publishing.SetResult();
            return confirmed.Task;
        }).WaitAsync(TimeSpan.FromSeconds(30));
        await publishing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Published, not yet confirmed by the broker: the entry stays, however long the confirmation takes.
        var sent = Processor.FactsSentAsync(Partition);
        await Task.Delay(200);
        Assert.False(sent.IsCompleted);
        Assert.Equal([batch.MessageId.ToString("N")], await OutboxAsync());

        confirmed.SetResult();
        await sent.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task Published_entries_are_removed_without_anyone_waiting_for_the_queue()
    {
        var batches = new[] { Batch("c1"), Batch("c2"), Batch("c3") };
        foreach (var batch in batches) await Processor.ProcessAsync(Partition, [batch], Publish);

        // Removed together, a quarter of a second after publication at most, not only when a probe or a stop drains the queue.
        await Eventually.UntilAsync(async () => (await OutboxAsync()).Length == 0, "the outbox emptied", TimeSpan.FromSeconds(10));
        Assert.Equal(batches.Select(b => b.MessageId.ToString("N")).Order(), PublishedBatches());
    }

    [Fact]
    public async Task Facts_of_batches_queued_together_go_out_together_and_only_the_confirmed_entries_are_removed()
    {
        // The first publication holds the worker, so the next three batches queue up and go out in one pass; the
        // broker refuses the second of them.
        var (first, batches) = (Batch("c0"), new[] { Batch("c1"), Batch("c2"), Batch("c3") });
        var release = new TaskCompletionSource();
        await Processor.ProcessAsync(Partition, [first], async facts => { await release.Task; await Publish(facts); });
        foreach (var batch in batches)
        {
            await Processor.ProcessAsync(Partition, [batch], batch == batches[1] ? Refuse : Publish);
        }
        Assert.Empty(_published);

        release.SetResult();
        await Processor.FactsSentAsync(Partition).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { first, batches[0], batches[2] }.Select(b => b.MessageId.ToString("N")).Order(), PublishedBatches());
        Assert.Equal([batches[1].MessageId.ToString("N")], await OutboxAsync());
    }

    [Fact]
    public async Task An_entry_that_keeps_failing_while_others_go_out_does_not_hold_them_back_and_is_set_aside_after_five_passes()
    {
        var stuck = await CommittedButNotPublishedAsync("stuck");
        Task RefuseStuck(PackedStreamActivityRecorded facts) => facts.BatchId.ToString("N") == stuck ? Refuse(facts) : Publish(facts);

        // Each pass another batch's facts wait beside it and go out; the stuck entry fails each time.
        var others = new List<string>();
        for (var pass = 1; pass <= OutboxPublisher.RefusalsBeforeDeadLetter; pass++)
        {
            others.Add(await CommittedButNotPublishedAsync($"c{pass}"));
            var outcome = await Outbox.PublishPendingAsync(Partition, null, RefuseStuck);

            Assert.Equal((1, 1, pass == 5 ? 1 : 0), (outcome.Published, outcome.Failed, outcome.DeadLettered));
            Assert.IsType<IOException>(outcome.FirstFailure);
            Assert.Equal(pass == 5 ? [] : new[] { stuck }, await OutboxAsync());
        }
        Assert.Equal(others.Order(), PublishedBatches());
        Assert.Equal([stuck], await DeadLetterAsync());
    }

    [Fact]
    public async Task Entries_that_all_fail_are_never_set_aside_the_broker_is_away_not_the_entries()
    {
        var batches = new[] { await CommittedButNotPublishedAsync("c1"), await CommittedButNotPublishedAsync("c2") };

        for (var pass = 0; pass < 2 * OutboxPublisher.RefusalsBeforeDeadLetter; pass++)
        {
            var outcome = await Outbox.PublishPendingAsync(Partition, null, Refuse);
            Assert.Equal((0, 2, 0), (outcome.Published, outcome.Failed, outcome.DeadLettered));
        }
        Assert.Equal(batches.Order(), await OutboxAsync());
        Assert.Empty(await DeadLetterAsync());
    }

    [Fact]
    public async Task A_removal_is_retried_until_it_succeeds()
    {
        var attempts = 0;
        var error = await OutboxPublisher.TryWithRetriesAsync(() => ++attempts < 3 ? throw new TimeoutException("slow") : Task.CompletedTask,
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], TimeProvider.System);

        Assert.Null(error);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_removal_that_keeps_failing_is_tried_four_times_and_reported_not_thrown()
    {
        var attempts = 0;
        var error = await OutboxPublisher.TryWithRetriesAsync(() => throw new IOException($"down {++attempts}"),
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], TimeProvider.System);

        Assert.Equal(4, attempts);
        Assert.Equal("down 4", Assert.IsType<IOException>(error).Message);
    }
}
