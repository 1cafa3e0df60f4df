extern alias EngagementService;
extern alias SessionizationService;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRules;
using OutboxEntry = SessionizationService::Streaming.Sessionization.Storage.OutboxEntry;
using SessionKeys = SessionizationService::Streaming.Sessionization.Storage.SessionKeys;

namespace Streaming.Integration.Tests;

/// <summary>
/// Derived facts are never dropped, on the real broker and Redis: not before the engagement service ever ran, not
/// while its queue is gone, and an outbox entry left behind is published again without changing anything.
/// Traffic: movie, prime, US, October 31, 2026: c1 on tv 20 min (a play, ten heartbeats 120 s apart), c2 on a phone
/// 2 min (a play, a heartbeat) → 2 customers, 22.00 min = 0.367 h → 0.37; CER 100 (alone); 0.10 USD/h × 0.367 h =
/// 0.0367 → 0.04.
/// </summary>
public sealed class FactsDeliveryTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const string Query = "/v1/metrics/engagement?month=2026-10&territory=US";
    private static readonly DateTimeOffset Evening = DateTimeOffset.Parse("2026-10-31T21:00:00Z");

    private const string Counted = """
        {"month":"2026-10","territory":"US","final":false,"lateFactsIgnored":0,"units":[
         {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":CUSTOMERS,"minutesStreamed":MINUTES,"hoursStreamed":HOURS,"estimatedRoyalty":0.04,"currency":"USD"}]}
        """;

    private static readonly string TwoViewers = Counted.Replace("CUSTOMERS", "2").Replace("MINUTES", "22.00").Replace("HOURS", "0.37");

    /// <summary>Every service's clock: November 1, 2026, 02:00, October open; it moves only when a test moves it (the sweep's timer too).</summary>
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-01T02:00:00Z"));

    /// <summary>The services on that clock; no finality check (nor its progress probes) within the hour the tests move it.</summary>
    private Pipeline NewPipeline(string hint) =>
        new(deps, hint, _clock, host => host.UseSetting("EngagementRanking:FinalityCheckInterval", "01:00:00"));

    private static List<JsonObject> Traffic() =>
    [
        .. EngagementEndToEndTests.Watch("c1", "tv", "movie", Evening, 10),
        .. EngagementEndToEndTests.Watch("c2", "phone", "movie", Evening, 1),
    ];

    [Fact]
    public async Task Facts_published_before_the_engagement_service_ever_ran_wait_in_its_queue_and_count_exactly()
    {
        await using var pipeline = NewPipeline("facts-fresh");
        pipeline.StartSessionization();
        var events = Traffic();
        await pipeline.PostAsync(events);
        await pipeline.WaitForProcessedAsync(events.Count);

        // Confirmed by the broker and removed from the outboxes: the facts wait in the queue sessionization declared.
        await Eventually.UntilAsync(async () => await OutboxEntriesAsync(pipeline) == 0, "the outboxes to empty");
        await Eventually.UntilAsync(async () => await deps.QueueMessagesAsync(FactsQueue(pipeline)) >= 1, "facts waiting in the engagement queue");

        // The engagement service declares the same queue (a different declaration would be refused) and counts them once.
        await using var engagement = await StartEngagementAsync(pipeline);
        await pipeline.WaitForAnswerAsync(Query, TwoViewers);
        Assert.Equal(0, await EngagementStatAsync(pipeline, EngagementLayout.State.Duplicates));
        Assert.Equal((0L, 0L), (await OutboxEntriesAsync(pipeline), await DeadLetteredAsync(pipeline)));
    }

    [Fact]
    public async Task Facts_returned_while_their_queue_is_gone_wait_in_the_outbox_and_the_sweep_publishes_them_once_it_is_back()
    {
        await using var pipeline = NewPipeline("facts-gone");
        pipeline.StartSessionization();
        await Eventually.UntilAsync(async () => await deps.QueueMessagesAsync(FactsQueue(pipeline)) is not null, "sessionization to declare the engagement queue");
        await deps.DeleteQueueAsync(FactsQueue(pipeline));

        var events = Traffic();
        await pipeline.PostAsync(events);
        await pipeline.WaitForProcessedAsync(events.Count);
        // Published mandatory, returned by the broker (no queue is bound): every entry the commits wrote stays.
        var waiting = await OutboxEntriesAsync(pipeline);
        Assert.True(waiting >= 1, "the batches' facts are in the outboxes");
        // Passes of the sweep while the queue is still gone return them again: still there, none set aside.
        for (var pass = 0; pass < 3; pass++) await SweepPassAsync();
        Assert.Equal((waiting, 0L), (await OutboxEntriesAsync(pipeline), await DeadLetteredAsync(pipeline)));

        // The engagement service starts and declares its queue; the next passes publish what waited, without a restart.
        await using var engagement = await StartEngagementAsync(pipeline);
        await Eventually.UntilAsync(async () =>
        {
            await SweepPassAsync();
            return await OutboxEntriesAsync(pipeline) == 0;
        }, "the sweep to empty the outboxes");
        await pipeline.WaitForAnswerAsync(Query, TwoViewers);
        Assert.Equal(0, await EngagementStatAsync(pipeline, EngagementLayout.State.Duplicates));
        Assert.Equal(0, await DeadLetteredAsync(pipeline));
    }

    /// <summary>
    /// An entry whose removal failed after it was published stays in the outbox: the sweep publishes it again with the
    /// same BatchId and the engagement ranking drops it. Here an entry of a third viewer (c3, 60 s) is put in an
    /// outbox twice, as if the first removal had been lost: movie then has 3 customers, 23.00 min = 0.383 h → 0.38,
    /// 0.10 × 0.383 = 0.0383 → 0.04, and the second publication changes nothing.
    /// </summary>
    [Fact]
    public async Task An_entry_left_behind_after_its_publication_is_published_again_and_changes_nothing()
    {
        await using var pipeline = NewPipeline("facts-left");
        await using var engagement = await StartEngagementAsync(pipeline);
        pipeline.StartSessionization();
        var events = Traffic();
        await pipeline.PostAsync(events);
        await pipeline.WaitForAnswerAsync(Query, TwoViewers);
        // Published entries are removed a moment after their publication (grouped, every 250 ms): the sweeps below move
        // the clocks 30 s on, and would publish the traffic's own entries again if they were still there.
        await Eventually.UntilAsync(async () => await OutboxEntriesAsync(pipeline) == 0, "the traffic's facts removed from the outbox");
        var messages = await EngagementStatAsync(pipeline, EngagementLayout.State.Messages);

        var c3 = new StreamActivityRecorded
        {
            BatchId = Guid.NewGuid(),
            Partition = 0,
            Items =
            [
                new StreamActivity
                {
                    CustomerId = "c3", TitleId = "movie", Marketplace = "US", Offer = "prime",
                    HourStart = Evening, StreamsDelta = 1, WatchedMillisecondsDelta = 60_000,
                },
            ],
        };
        var threeViewers = Counted.Replace("CUSTOMERS", "3").Replace("MINUTES", "23.00").Replace("HOURS", "0.38");
        for (var time = 1; time <= 2; time++)
        {
            await LeaveInOutboxAsync(pipeline, c3);
            await Eventually.UntilAsync(async () =>
            {
                await SweepPassAsync();
                return await OutboxEntriesAsync(pipeline) == 0;
            }, $"the sweep to publish the entry ({time})");
            await pipeline.WaitForAnswerAsync(Query, threeViewers);
        }
        await Eventually.UntilAsync(async () => await EngagementStatAsync(pipeline, EngagementLayout.State.Duplicates) == 1, "the repeat to be dropped");
        Assert.Equal(messages + 1, await EngagementStatAsync(pipeline, EngagementLayout.State.Messages));
        await pipeline.WaitForAnswerAsync(Query, threeViewers);
    }

    /// <summary>Moves every clock past the sweep's age (30 s) and gives its pass a moment.</summary>
    private async Task SweepPassAsync()
    {
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Task.Delay(300);
    }

    private static async Task<WebApplicationFactory<EngagementService::Program>> StartEngagementAsync(Pipeline pipeline)
    {
        var engagement = pipeline.Configure(new WebApplicationFactory<EngagementService::Program>());
        await Probes.WaitUntilReadyAsync(engagement.CreateClient(), "the engagement service");
        return engagement;
    }

    private static string FactsQueue(Pipeline pipeline) => EngagementFactsQueue.Name(pipeline.Namespace + ".");

    private async Task LeaveInOutboxAsync(Pipeline pipeline, StreamActivityRecorded facts) =>
        await deps.Redis.GetDatabase().HashSetAsync(new SessionKeys(pipeline.Namespace + ".").Outbox(facts.Partition!.Value), facts.BatchId.ToString("N"),
            OutboxEntry.Serialize(facts.ToPacked(), null, _clock.GetUtcNow().AddHours(-1)));

    private Task<long> OutboxEntriesAsync(Pipeline pipeline) => CountAsync(pipeline, (keys, p) => keys.Outbox(p));

    private Task<long> DeadLetteredAsync(Pipeline pipeline) => CountAsync(pipeline, (keys, p) => keys.OutboxDeadLetter(p));

    private async Task<long> CountAsync(Pipeline pipeline, Func<SessionKeys, int, string> key)
    {
        var keys = new SessionKeys(pipeline.Namespace + ".");
        long count = 0;
        for (var p = 0; p < Pipeline.Partitions; p++) count += await deps.Redis.GetDatabase().HashLengthAsync(key(keys, p));
        return count;
    }

    private async Task<long> EngagementStatAsync(Pipeline pipeline, string field) =>
        (long?)await deps.Redis.GetDatabase().HashGetAsync(EngagementLayout.StateKey(pipeline.Namespace + "."), field) ?? 0;
}
