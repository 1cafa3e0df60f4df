using StackExchange.Redis;
using Streaming.PartitionedState.Storage;
using Streaming.Subscriptions.Storage;
using static Streaming.Subscriptions.Tests.Ev;

namespace Streaming.Subscriptions.Tests;

public sealed class TimelineCodecTests
{
    [Fact]
    public void A_timeline_read_back_from_its_hash_is_the_same_timeline()
    {
        var events = new[] { Trial("t:1", "2026-01-01T23:30-08:00"), Paid("p|2", "2026-01-02T18:00+05:45") };
        var anchor = new SubscriberAnchor(SubscriptionState.Paid, Day("2025-12-30"));
        HashEntry[] hash =
        [
            new(TimelineHash.VersionField, 7),
            new(TimelineHash.MaxSeenField, events[1].AtMs),
            new(TimelineHash.AnchorField, TimelineCodec.Instance.EncodeAnchor(anchor)),
            .. events.Select(e => new HashEntry(TimelineHash.EventField(e.EventId), TimelineCodec.Instance.EncodeEvent(e))),
        ];

        // The version field of earlier code is ignored.
        var timeline = TimelineCodec.Decode(hash);

        Assert.Equal(anchor, timeline.Anchor);
        Assert.Equal(events[1].AtMs, timeline.MaxSeenMs);
        Assert.Equal(events, timeline.Events);
    }

    [Fact]
    public void An_empty_hash_is_a_subscriber_never_seen()
    {
        var timeline = TimelineCodec.Decode([]);

        Assert.Equal((SubscriberAnchor.Start, null), (timeline.Anchor, timeline.MaxSeenMs));
        Assert.Empty(timeline.Events);
    }

    [Fact]
    public void An_anchor_without_a_day_round_trips()
    {
        var anchor = new SubscriberAnchor(SubscriptionState.None, null);

        Assert.Equal(anchor, TimelineCodec.DecodeAnchor(TimelineCodec.Instance.EncodeAnchor(anchor)));
    }
}
