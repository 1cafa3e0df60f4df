using System.Diagnostics.Metrics;
using StackExchange.Redis;
using Streaming.Contracts.Subscriptions;
using Streaming.PartitionedState.Layouts;
using Streaming.PartitionedState.Storage;
using Streaming.Subscriptions.Storage;

namespace Streaming.Subscriptions.Tests;

/// <summary>The batch processor against the real Redis: what a redelivery, a client retry, a late event or a restart leaves behind.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class BatchProcessorRedisTests(RealDependencies deps)
{
    private const int Partition = 2;
    private readonly string _ns = RealDependencies.NewNamespace("subs") + ".";

    private IDatabase Db => deps.Redis.GetDatabase();

    private BatchProcessor NewProcessor() => Processors.New(deps.Redis, _ns);

    private static SubscriptionEvent Sent(string id, string type, string occurredAt, string customer = "c1", string channel = "ch1") => new()
    {
        EventId = id,
        Type = type,
        OccurredAt = DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture),
        CustomerId = customer,
        ChannelId = channel,
        Marketplace = "US",
    };

    private static SubscriptionEventsAccepted Batch(params SubscriptionEvent[] events) =>
        new() { Partition = Partition, AcceptedAt = DateTimeOffset.UtcNow, Events = events };

    private static Task Process(BatchProcessor processor, SubscriptionEventsAccepted batch, Guid? id = null) =>
        processor.ProcessAsync(batch, id ?? Guid.NewGuid());

    private async Task<Dictionary<string, long>> HashAsync(string key) =>
        (await Db.HashGetAllAsync(key)).ToDictionary(h => (string)h.Name!, h => (long)h.Value);

    private Task<Dictionary<string, long>> DaysAsync(string channel = "ch1") => HashAsync(ChannelCounterLayout.ChannelDays(_ns, Partition, channel));

    private Task<Dictionary<string, long>> CurrentAsync() => HashAsync(ChannelCounterLayout.Channels(_ns, Partition));

    private Task<Dictionary<string, long>> StatsAsync() => HashAsync(ChannelCounterLayout.StatsKey(_ns, Partition));

    private string TimelineKey(string customer, string channel = "ch1") => new SubscriptionKeys(_ns).Timeline(Partition, customer, channel);

    /// <summary>Every hash of the test's namespace, field by field, to compare whole states.</summary>
    private async Task<string> SnapshotAsync()
    {
        var server = deps.Redis.GetServer(deps.Redis.GetEndPoints()[0]);
        var lines = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: _ns + "*"))
        {
            if (await Db.KeyTypeAsync(key) != RedisType.Hash) continue;
            lines.AddRange((await Db.HashGetAllAsync(key)).Select(h => $"{key} {h.Name}={h.Value}"));
        }
        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_writes_local_day_counts_current_counts_and_stats()
    {
        await Process(NewProcessor(), Batch(
            Sent("t1", "trial_started", "2026-01-01T23:30:00-08:00"),
            Sent("p1", "paid_started", "2026-01-02T08:00:00-08:00"),
            Sent("t2", "trial_started", "2026-01-02T10:00:00Z", customer: "c2"),
            Sent("x3", "cancelled", "2026-01-02T11:00:00Z", customer: "c3")));

        // 2 January: c1 leaves trial (−1) and c2 enters it (+1): the field nets to 0 and is not stored.
        Assert.Equal(new Dictionary<string, long>
        {
            ["20260101|trialStarts"] = 1,
            ["20260101|activeTrialChange"] = 1,
            ["20260102|paidConversions"] = 1,
            ["20260102|activePaidChange"] = 1,
            ["20260102|trialStarts"] = 1,
        }, await DaysAsync());
        Assert.Equal(new Dictionary<string, long> { ["activeTrial|ch1"] = 1, ["activePaid|ch1"] = 1 }, await CurrentAsync());
        Assert.Equal(new Dictionary<string, long>
        {
            ["processed"] = 4, ["applied"] = 4, ["duplicates"] = 0, ["late"] = 0, ["over_limit"] = 0, ["rejected:cancel_without_subscription"] = 1,
        }, await StatsAsync());
    }

    [Fact]
    public async Task Trial_starts_and_conversions_count_per_UTC_day_per_channel_and_over_all_channels()
    {
        var processor = NewProcessor();
        await Process(processor, Batch(
            Sent("t1", "trial_started", "2026-01-01T23:30:00-08:00"),
            Sent("t2", "trial_started", "2026-01-02T10:00:00Z", customer: "c2", channel: "ch2"),
            Sent("p2", "paid_started", "2026-01-02T11:00:00Z", customer: "c2", channel: "ch2"),
            Sent("x2", "cancelled", "2026-01-02T12:00:00Z", customer: "c2", channel: "ch2")));
        // Later, a trial of ch1 at 20:00 at −08:00 on 2 January: 04:00Z on 3 January.
        await Process(processor, Batch(Sent("t3", "trial_started", "2026-01-02T20:00:00-08:00", customer: "c3")));

        // c1's trial is local 1 January but 07:30Z on 2 January.
        Assert.Equal(new Dictionary<string, long>
        {
            ["trialStarts|ch1"] = 1, ["trialStarts|ch2"] = 1, ["trialStarts"] = 2, ["paidConversions|ch2"] = 1, ["paidConversions"] = 1,
        }, await HashAsync(ChannelCounterLayout.UtcDay(_ns, Partition, new DateOnly(2026, 1, 2))));
        Assert.Equal(new Dictionary<string, long> { ["trialStarts|ch1"] = 1, ["trialStarts"] = 1 },
            await HashAsync(ChannelCounterLayout.UtcDay(_ns, Partition, new DateOnly(2026, 1, 3))));
        Assert.Empty(await HashAsync(ChannelCounterLayout.UtcDay(_ns, Partition, new DateOnly(2026, 1, 1))));
        Assert.Null(await Db.KeyTimeToLiveAsync(ChannelCounterLayout.UtcDay(_ns, Partition, new DateOnly(2026, 1, 2))));
    }

    [Fact]
    public async Task Redelivered_batch_changes_nothing_and_a_client_retry_counts_only_as_duplicates()
    {
        var batch = Batch(Sent("t1", "trial_started", "2026-01-01T10:00:00Z"), Sent("p1", "paid_started", "2026-01-03T10:00:00Z"));
        var id = Guid.NewGuid();
        await Process(NewProcessor(), batch, id);
        var applied = await SnapshotAsync();

        await Process(NewProcessor(), batch, id); // the broker redelivers after a lost ack
        Assert.Equal(applied, await SnapshotAsync());

        await Process(NewProcessor(), batch); // the billing system posts the same events again
        Assert.Equal(new Dictionary<string, long> { ["processed"] = 4, ["applied"] = 2, ["duplicates"] = 2, ["late"] = 0, ["over_limit"] = 0 }, await StatsAsync());
        Assert.Equal(
            applied.Split('\n').Where(l => !l.Contains(":stats ") && !l.Contains(":key:")),
            (await SnapshotAsync()).Split('\n').Where(l => !l.Contains(":stats ") && !l.Contains(":key:")));
    }

    [Fact]
    public async Task A_restarted_processor_continues_from_the_state_in_redis()
    {
        await Process(NewProcessor(), Batch(Sent("t1", "trial_started", "2026-01-01T10:00:00Z")));

        await Process(NewProcessor(), Batch(Sent("p1", "paid_started", "2026-01-02T10:00:00Z")));

        Assert.Equal(new Dictionary<string, long>
        {
            ["20260101|trialStarts"] = 1,
            ["20260101|activeTrialChange"] = 1,
            ["20260102|paidConversions"] = 1,
            ["20260102|activeTrialChange"] = -1,
            ["20260102|activePaidChange"] = 1,
        }, await DaysAsync());
        Assert.Equal(new Dictionary<string, long> { ["activeTrial|ch1"] = 0, ["activePaid|ch1"] = 1 }, await CurrentAsync());
    }

    [Fact]
    public async Task Cancellation_before_its_trial_is_first_a_rejection_then_corrected_in_redis_and_telemetry()
    {
        var measured = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "subscriptions.transitions.rejected") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags) if (tag.Key == "reason") reason = (string?)tag.Value;
            lock (measured) measured.Add((value, reason));
        });
        listener.Start();
        var processor = NewProcessor();

        await Process(processor, Batch(Sent("x1", "cancelled", "2026-01-02T09:00:00+01:00")));
        Assert.Empty(await DaysAsync());
        Assert.Equal(new Dictionary<string, long> { ["activeTrial|ch1"] = 0, ["activePaid|ch1"] = 0 }, await CurrentAsync());
        Assert.Equal(1, (await StatsAsync())["rejected:cancel_without_subscription"]);

        await Process(processor, Batch(Sent("t1", "trial_started", "2026-01-01T22:00:00+01:00")));
        Assert.Equal(new Dictionary<string, long>
        {
            ["20260101|trialStarts"] = 1,
            ["20260101|activeTrialChange"] = 1,
            ["20260102|trialCancellations"] = 1,
            ["20260102|activeTrialChange"] = -1,
        }, await DaysAsync());
        Assert.Equal(new Dictionary<string, long> { ["activeTrial|ch1"] = 0, ["activePaid|ch1"] = 0 }, await CurrentAsync());
        Assert.Equal(0, (await StatsAsync())["rejected:cancel_without_subscription"]);
        lock (measured)
        {
            Assert.Equal([(1L, "cancel_without_subscription"), (-1L, "cancel_without_subscription")], measured);
        }
    }

    [Fact]
    public async Task A_count_that_returns_to_zero_leaves_no_field_behind()
    {
        var processor = NewProcessor();
        await Process(processor, Batch(Sent("t1", "trial_started", "2026-01-01T10:00:00Z")));
        await Process(processor, Batch(Sent("x1", "cancelled", "2026-01-01T12:00:00Z")));

        Assert.Equal(new Dictionary<string, long> { ["20260101|trialStarts"] = 1, ["20260101|trialCancellations"] = 1 }, await DaysAsync());
    }

    [Fact]
    public async Task An_active_subscriber_is_kept_for_good_and_a_cancelled_one_expires_after_the_state_retention()
    {
        var processor = NewProcessor();
        await Process(processor, Batch(
            Sent("t1", "trial_started", "2026-01-01T10:00:00Z", customer: "active"),
            Sent("t2", "trial_started", "2026-01-01T10:00:00Z", customer: "gone"),
            Sent("x2", "cancelled", "2026-01-01T11:00:00Z", customer: "gone")));

        Assert.Null(await Db.KeyTimeToLiveAsync(TimelineKey("active")));
        Assert.True(await Db.KeyExistsAsync(TimelineKey("active")));
        Assert.InRange(await Db.KeyTimeToLiveAsync(TimelineKey("gone")) ?? TimeSpan.Zero, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        // Cancelling later makes the active one expire too; subscribing again makes the other permanent.
        await Process(processor, Batch(
            Sent("x1", "cancelled", "2026-02-01T10:00:00Z", customer: "active"),
            Sent("p2", "paid_started", "2026-02-01T10:00:00Z", customer: "gone")));
        Assert.NotNull(await Db.KeyTimeToLiveAsync(TimelineKey("active")));
        Assert.Null(await Db.KeyTimeToLiveAsync(TimelineKey("gone")));
    }

    [Fact]
    public async Task A_commit_read_before_another_writer_claimed_the_partition_is_refused_and_writes_nothing()
    {
        var store = new PartitionStore(deps.Redis);
        var keys = new SubscriptionKeys(_ns);
        var key = TimelineKey("c1");
        var token = await store.ClaimAsync(keys.Fence(Partition));
        var stale = TimelineCodec.Decode((await store.LoadAsync([], [key])).Timelines[0]);
        // The processor claims the partition for its batch: the token above no longer holds it.
        await Process(NewProcessor(), Batch(Sent("t1", "trial_started", "2026-01-01T10:00:00Z")));
        var before = await SnapshotAsync();

        var change = stale.Apply([Ev.Paid("p1", "2026-01-02T10:00+00:00")], Ev.Hours72);
        var commit = new PartitionCommit([keys.BatchMarker(Partition, Guid.NewGuid())], TimeSpan.FromHours(1), TimeSpan.FromDays(7));
        var (sets, deletes) = TimelineHash.Changes(stale, change, TimelineCodec.Instance);
        commit.AddTimeline(key, TimelineTtl.Keep, sets, deletes);
        ChannelCounterChanges.Add(commit, _ns, Partition, "ch1", change.Delta);
        commit.Guard(keys.Fence(Partition), token, []);

        Assert.Equal(CommitOutcome.Conflict, await store.CommitAsync(commit));
        Assert.Equal(before, await SnapshotAsync());
    }
}
