using Streaming.Contracts.Subscriptions;
using static Streaming.Integration.Tests.SubscriptionEvents;

namespace Streaming.Integration.Tests;

/// <summary>
/// Subscription events posted to ingest come out of the gateway as exact channel counts, through the real broker, the
/// subscription service and Redis.
/// </summary>
public sealed class SubscriptionEndToEndTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task Posted_events_come_out_as_exact_channel_counts_on_the_subscribers_local_days()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-e2e");
        subscriptions.StartService();

        var answer = await subscriptions.PostAsync(March());
        Assert.Equal("""{"accepted":7,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""", Pipeline.Compact(answer));
        await subscriptions.WaitForProcessedAsync(7);

        JsonAssert.Equal(MarchAnswer, await subscriptions.GetAsync(MarchQuery));
        JsonAssert.Equal("""{"channels":[{"channelId":"sports","activeTrial":0,"activePaid":1}]}""", await subscriptions.GetAsync("/v1/metrics/channels"));
        var month = await subscriptions.GetAsync("/v1/metrics/channels/sports?from=2026-03-01&to=2026-03-31&granularity=month");
        JsonAssert.Equal("""[{"start":"2026-03-01","trialStarts":2,"paidConversions":1,"cancellations":2,"activeTrial":0,"activePaid":1}]""", month["series"]!);
        Assert.Equal(1, await subscriptions.StatAsync("rejected:cancel_without_subscription"));
    }

    [Fact]
    public async Task A_cancellation_arriving_before_the_trial_it_cancels_gives_the_time_ordered_counts()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-cancel-first");
        subscriptions.StartService();
        const string query = "/v1/metrics/channels/sports?from=2026-03-10&to=2026-03-11";

        // eve is at −08:00: the trial at 23:30 on 10 March is 07:30Z on 11 March, the cancellation 08:00 on 11 March.
        await subscriptions.PostAsync(new[] { Sub("e2", "cancelled", "2026-03-11T08:00:00-08:00", "eve") });
        await subscriptions.WaitForProcessedAsync(1);
        Assert.Equal(1, await subscriptions.StatAsync("rejected:cancel_without_subscription"));
        JsonAssert.Equal("""{"trialStarts":0,"paidConversions":0,"cancellations":0,"trialCancellations":0,"paidCancellations":0,"conversionRate":null}""",
            (await subscriptions.GetAsync(query))["totals"]!);

        await subscriptions.PostAsync(new[] { Sub("e1", "trial_started", "2026-03-10T23:30:00-08:00", "eve") });
        await subscriptions.WaitForProcessedAsync(2);

        Assert.Equal(0, await subscriptions.StatAsync("rejected:cancel_without_subscription"));
        JsonAssert.Equal("""
            {"channelId":"sports","from":"2026-03-10","to":"2026-03-11","granularity":"day",
             "totals":{"trialStarts":1,"paidConversions":0,"cancellations":1,"trialCancellations":1,"paidCancellations":0,"conversionRate":0},
             "series":[{"start":"2026-03-10","trialStarts":1,"paidConversions":0,"cancellations":0,"activeTrial":1,"activePaid":0},
                       {"start":"2026-03-11","trialStarts":0,"paidConversions":0,"cancellations":1,"activeTrial":0,"activePaid":0}],
             "current":{"activeTrial":0,"activePaid":0},
             "previousPeriod":{"trialStarts":0,"paidConversions":0,"cancellations":0,"trialCancellations":0,"paidCancellations":0,"conversionRate":null}}
            """, await subscriptions.GetAsync(query));
    }

    [Fact]
    public async Task Events_in_reverse_order_and_posted_twice_give_the_same_numbers()
    {
        // alice's trial and conversion are 7 days apart: reversed, they need a lateness of more than the default 72 h.
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-reverse",
            ("Subscriptions:AllowedLateness", "10.00:00:00"), ("Subscriptions:StateRetention", "11.00:00:00"));
        subscriptions.StartService();

        var events = March();
        events.Reverse();
        foreach (var chunk in events.Chunk(2)) await subscriptions.PostAsync(chunk);
        await subscriptions.PostAsync(March());
        await subscriptions.WaitForProcessedAsync(14);

        JsonAssert.Equal(MarchAnswer, await subscriptions.GetAsync(MarchQuery));
        Assert.Equal((7, 0), (await subscriptions.StatAsync("duplicates"), await subscriptions.StatAsync("late")));
    }

    [Fact]
    public async Task Service_stopped_and_restarted_loses_and_double_counts_nothing()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-restart");
        subscriptions.StartService();
        var events = March();
        await subscriptions.PostAsync(events.Take(4));
        await subscriptions.WaitForProcessedAsync(4);

        await subscriptions.StopServiceAsync();
        // Accepted while no consumer runs: the broker holds them. The repeats of b1 and b2 must not count twice.
        await subscriptions.PostAsync(events.Skip(2));
        Assert.Equal(4, await subscriptions.StatAsync("processed"));
        subscriptions.StartService();
        await subscriptions.WaitForProcessedAsync(9);

        JsonAssert.Equal(MarchAnswer, await subscriptions.GetAsync(MarchQuery));
        Assert.Equal(2, await subscriptions.StatAsync("duplicates"));
    }

    [Fact]
    public async Task A_redelivered_batch_changes_nothing()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-redeliver");
        subscriptions.StartService();
        var batch = new SubscriptionEventsAccepted
        {
            Partition = SubscriptionPartitioning.PartitionOf("zoe", "sports", Pipeline.Partitions),
            AcceptedAt = DateTimeOffset.UtcNow,
            Events =
            [
                WireEvents.SubscriptionRecord("z1", "trial_started", DateTimeOffset.Parse("2026-03-01T09:00:00+09:00"), "zoe", "sports", "JP"),
                WireEvents.SubscriptionRecord("z2", "paid_started", DateTimeOffset.Parse("2026-03-02T09:00:00+09:00"), "zoe", "sports", "JP"),
            ],
        };
        var messageId = Guid.NewGuid();

        await subscriptions.SendAsync(batch, messageId);
        await subscriptions.WaitForProcessedAsync(2);
        await subscriptions.SendAsync(batch, messageId); // the broker brings it back, e.g. after a lost ack
        await subscriptions.SendAsync(batch with { AcceptedAt = DateTimeOffset.UtcNow, Events = [batch.Events[0]] }, Guid.NewGuid());
        await subscriptions.WaitForProcessedAsync(3); // the marker makes the redelivery count nothing, processed included

        Assert.Equal((3, 2, 1), (await subscriptions.StatAsync("processed"), await subscriptions.StatAsync("applied"), await subscriptions.StatAsync("duplicates")));
        JsonAssert.Equal("""{"trialStarts":1,"paidConversions":1,"cancellations":0,"trialCancellations":0,"paidCancellations":0,"conversionRate":1}""",
            (await subscriptions.GetAsync("/v1/metrics/channels/sports?from=2026-03-01&to=2026-03-02"))["totals"]!);
    }

    [Fact]
    public async Task Bad_input_gets_its_error_and_disturbs_nothing_else()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-bad");
        subscriptions.StartService();

        var malformed = await subscriptions.Pipeline.Ingest.PostAsync("/v1/events/subscription",
            new StringContent("[{\"eventId\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var events = March().Cast<object>().ToList();
        events.Insert(2, Sub("x1", "upgraded", "2026-03-02T10:00:00Z", "alice"));
        events.Insert(5, Sub("x2", "cancelled", "2026-03-02T10:00:00", "bob")); // no offset: which local day?
        events.Add(Sub("x3", "trial_started", DateTimeOffset.UtcNow.AddHours(1).ToString("O"), "frank"));
        var answer = await subscriptions.PostAsync(events);

        Assert.Equal(7, (int)answer["accepted"]!);
        Assert.Equal([2, 5, 9], answer["rejected"]!.AsArray().Select(r => (int)r!["index"]!));
        Assert.Equal("occurredAt: required ISO-8601 date-time with offset (Z or ±hh:mm)", (string?)answer["rejected"]![1]!["errors"]![0]);
        await subscriptions.WaitForProcessedAsync(7);
        JsonAssert.Equal(MarchAnswer, await subscriptions.GetAsync(MarchQuery));
    }

    [Fact]
    public async Task An_event_later_than_the_allowed_lateness_is_dropped_and_counted_as_late()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "subs-late", ("Subscriptions:AllowedLateness", "1.00:00:00"));
        subscriptions.StartService();

        await subscriptions.PostAsync(new[] { Sub("f1", "trial_started", "2026-03-10T10:00:00Z", "frank") });
        await subscriptions.WaitForProcessedAsync(1);
        // Two days before frank's newest event: more than the 24-hour lateness.
        await subscriptions.PostAsync(new[] { Sub("f0", "paid_started", "2026-03-08T10:00:00Z", "frank") });
        await subscriptions.WaitForProcessedAsync(2);

        Assert.Equal(1, await subscriptions.StatAsync("late"));
        JsonAssert.Equal("""{"trialStarts":1,"paidConversions":0,"cancellations":0,"trialCancellations":0,"paidCancellations":0,"conversionRate":null}""",
            (await subscriptions.GetAsync("/v1/metrics/channels/sports?from=2026-03-01&to=2026-03-31&granularity=total"))["totals"]!);
    }
}
