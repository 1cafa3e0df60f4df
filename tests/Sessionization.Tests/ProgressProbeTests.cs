using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization.Tests;

/// <summary>
/// Progress probes (playback messages without events, <see cref="ProgressProbe"/>) through the batch processor: the
/// facts message that answers a probe says how far its partition has caught up, and nothing queued before the probe
/// is published after it.
/// </summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class ProgressProbeTests(RealDependencies deps)
{
    private const int Partition = 2;
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-10-31T23:50:00Z");
    private static readonly DateTimeOffset ProbeSent = DateTimeOffset.Parse("2026-11-16T00:01:00Z");
    private readonly string _ns = RealDependencies.NewNamespace("probe") + ".";
    private readonly List<StreamActivityRecorded> _published = [];

    private Task Publish(PackedStreamActivityRecorded facts)
    {
        _published.Add(facts.ToUnpacked());
        return Task.CompletedTask;
    }

    private static BatchMessage Events(params (string Id, string Type, int Seconds)[] events) => new(Guid.NewGuid(), new PlaybackEventsAccepted
    {
        Partition = Partition,
        AcceptedAt = T0,
        Events = events.Select(e => new PlaybackEvent
        {
            EventId = e.Id, Type = e.Type, OccurredAt = T0.AddSeconds(e.Seconds),
            CustomerId = "c1", DeviceId = "tv", TitleId = "t1", Marketplace = "US", Offer = "prime",
        }).ToList(),
    });

    private static BatchMessage Probe(DateTimeOffset sent) => new(Guid.NewGuid(), ProgressProbe.At(Partition, sent).ToUnpacked());

    private static string Items(StreamActivityRecorded facts) =>
        string.Join(";", facts.Items.Select(f => $"{f.CustomerId} {f.TitleId} {f.HourStart:HH:mm} {f.StreamsDelta} {f.WatchedMillisecondsDelta}"));

    [Fact]
    public async Task A_probe_alone_is_answered_with_its_time_and_no_facts()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);

        await processor.ProcessAsync(Partition, [Probe(ProbeSent)], Publish);

        var answer = Assert.Single(_published);
        Assert.Equal((Partition, ProbeSent, 0), (answer.Partition, answer.CaughtUpTo, answer.Items.Count));
    }

    [Fact]
    public async Task Facts_of_events_queued_before_a_probe_travel_with_its_progress()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);

        // A play at 23:50 and a heartbeat 30 s later: one stream and 30 s of the hour 23:00; then two probes, the newer counts.
        await processor.ProcessAsync(Partition, [Events(("a", "play", 0), ("b", "heartbeat", 30)), Probe(ProbeSent.AddMinutes(-1)), Probe(ProbeSent)], Publish);

        var facts = Assert.Single(_published);
        Assert.Equal("c1 t1 23:00 1 30000", Items(facts));
        Assert.Equal((Partition, ProbeSent), (facts.Partition, facts.CaughtUpTo));
    }

    [Fact]
    public async Task Facts_without_a_probe_name_their_partition_and_claim_no_progress()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);

        await processor.ProcessAsync(Partition, [Events(("a", "play", 0))], Publish);
        await processor.FactsSentAsync(Partition);

        var facts = Assert.Single(_published);
        Assert.Equal(Partition, facts.Partition);
        Assert.Null(facts.CaughtUpTo);
    }

    [Fact]
    public async Task A_probe_first_publishes_the_facts_a_failed_publication_left_in_the_outbox()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);
        // Committed, then the publication failed: the facts wait in the partition's outbox.
        await processor.ProcessAsync(Partition, [Events(("a", "play", 0), ("b", "heartbeat", 30))], _ => throw new IOException("connection lost"));

        await processor.ProcessAsync(Partition, [Probe(ProbeSent)], Publish);

        Assert.Equal(["c1 t1 23:00 1 30000", ""], _published.Select(Items));
        Assert.Equal([null, ProbeSent], _published.Select(f => f.CaughtUpTo));
    }

    [Fact]
    public async Task A_probe_is_not_answered_while_facts_queued_before_it_cannot_be_published()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);
        await processor.ProcessAsync(Partition, [Events(("a", "play", 0), ("b", "heartbeat", 30))], _ => throw new IOException("connection lost"));
        var probe = Probe(ProbeSent);

        // The broker still refuses: the probe's batch fails with that error, before anything of it is committed.
        await Assert.ThrowsAsync<IOException>(() => processor.ProcessAsync(Partition, [probe], _ => throw new IOException("still lost")));
        Assert.Empty(_published);

        // Its redelivery, once the broker takes messages again: the facts first, then the answer.
        await processor.ProcessAsync(Partition, [probe], Publish);
        Assert.Equal(["c1 t1 23:00 1 30000", ""], _published.Select(Items));
        Assert.Equal([null, ProbeSent], _published.Select(f => f.CaughtUpTo));
    }

    [Fact]
    public async Task A_probe_waits_for_the_facts_still_being_published_and_is_answered_after_them()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);
        var confirmed = new TaskCompletionSource();
        // The batch is done once committed; its facts are published after it, and the broker is slow to confirm them.
        await processor.ProcessAsync(Partition, [Events(("a", "play", 0), ("b", "heartbeat", 30))], async facts =>
        {
            await confirmed.Task;
            await Publish(facts);
        });

        var probe = processor.ProcessAsync(Partition, [Probe(ProbeSent)], Publish);
        await Task.Delay(300);
        Assert.False(probe.IsCompleted);
        Assert.Empty(_published);

        confirmed.SetResult();
        await probe.WaitAsync(TimeSpan.FromSeconds(30));
        // Published once, then the answer: the probe did not publish the waiting entry a second time.
        Assert.Equal(["c1 t1 23:00 1 30000", ""], _published.Select(Items));
        Assert.Equal([null, ProbeSent], _published.Select(f => f.CaughtUpTo));
    }
}
