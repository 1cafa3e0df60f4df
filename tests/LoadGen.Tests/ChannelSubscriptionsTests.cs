using Streaming.Bench.LoadGen.Simulation;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Tests;

/// <summary>The simulator's compressed subscription lifecycle: trial on first watch, then paid or cancelled.</summary>
public sealed class ChannelSubscriptionsTests
{
    private static readonly DateTimeOffset Play = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly (string, TimeSpan) India = ("IN", new TimeSpan(5, 30, 0));

    /// <summary>Answers Next(max) with the given values in turn, so each test decides the rolls.</summary>
    private sealed class Rolls(params int[] values) : Random
    {
        private int _next;
        public override int Next(int maxValue) => values[_next++];
    }

    private static ChannelSubscriptions Customer(params int[] rolls) => new("c1", "run-1-", India, new Rolls(rolls));

    private static string Show(IEnumerable<SubscriptionEvent> events) =>
        string.Join(" ", events.Select(e => $"{e.Type}@{e.OccurredAt:HH:mm:sszzz}/{e.ChannelId}/{e.Marketplace}"));

    [Fact]
    public void The_first_play_of_a_channel_starts_a_trial_at_that_instant_in_local_time_and_only_once()
    {
        var customer = Customer();
        var billing = new List<SubscriptionEvent>();

        customer.Watching("ch-kids", Play, billing);
        customer.Watching("ch-kids", Play.AddMinutes(1), billing);

        Assert.Equal("trial_started@15:30:00+05:30/ch-kids/IN", Show(billing));
        Assert.Equal("run-1-b0", billing[0].EventId);
    }

    [Fact]
    public void A_trial_converts_when_it_ends_and_a_paying_customer_may_cancel_at_a_later_check()
    {
        // Trial end: roll 2 (< 3 of 5) converts. First paid check: roll 1 keeps paying. Second: roll 0 cancels.
        var customer = Customer(2, 1, 0);
        var billing = new List<SubscriptionEvent>();
        customer.Watching("ch-kids", Play, billing);

        customer.Collect(Play.AddMinutes(3).AddSeconds(-1), billing); // nothing due yet
        customer.Collect(Play.AddMinutes(3), billing);
        customer.Collect(Play.AddMinutes(8), billing);
        customer.Collect(Play.AddMinutes(13), billing);
        customer.Collect(Play.AddHours(5), billing); // cancelled: nothing more
        customer.Watching("ch-kids", Play.AddHours(6), billing); // no second trial

        Assert.Equal(
            "trial_started@15:30:00+05:30/ch-kids/IN paid_started@15:33:00+05:30/ch-kids/IN cancelled@15:43:00+05:30/ch-kids/IN",
            Show(billing));
        Assert.Equal(["run-1-b0", "run-1-b1", "run-1-b2"], billing.Select(e => e.EventId));
    }

    [Fact]
    public void A_trial_that_does_not_convert_is_cancelled_when_it_ends()
    {
        var customer = Customer(3); // 3 of 5: not below 3
        var billing = new List<SubscriptionEvent>();
        customer.Watching("ch-docs", Play, billing);

        customer.Collect(Play.AddHours(1), billing);

        Assert.Equal("trial_started@15:30:00+05:30/ch-docs/IN cancelled@15:33:00+05:30/ch-docs/IN", Show(billing));
    }
}
