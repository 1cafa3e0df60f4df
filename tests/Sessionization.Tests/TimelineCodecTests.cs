using StackExchange.Redis;
using Streaming.PartitionedState.Storage;
using Streaming.Sessionization.Storage;
using static Streaming.Sessionization.Tests.At;

namespace Streaming.Sessionization.Tests;

public sealed class TimelineCodecTests
{
    [Fact]
    public void Stored_timeline_reads_back_with_anchor_and_events_and_an_old_version_field_ignored()
    {
        var timeline = new KeyTimeline();
        timeline.Apply([Ev(PlaybackKind.Play, 0, "a", season: "S1"), Heartbeat(30, "b"), Heartbeat(7200, "c")], SessionRules.Default);
        var entries = new List<HashEntry>
        {
            new(TimelineHash.VersionField, 7),
            new(TimelineHash.MaxSeenField, timeline.MaxSeenMs!.Value),
            new(TimelineHash.AnchorField, TimelineCodec.Instance.EncodeAnchor(timeline.AnchorState)),
        };
        entries.AddRange(timeline.Events.Select(e => new HashEntry(TimelineHash.EventField(e.EventId), TimelineCodec.Instance.EncodeEvent(e))));

        var restored = TimelineCodec.Decode([.. entries]);

        Assert.Equal(timeline.Anchor, restored.Anchor);
        Assert.Equal(new StreamAttribution("US", "prime", "S1", T0), restored.AnchorStream);
        Assert.Equal(timeline.Events, restored.Events);
        Assert.Equal(T0 + 7_200_000, restored.MaxSeenMs);
    }

    [Fact]
    public void Empty_hash_is_a_new_key()
    {
        var timeline = TimelineCodec.Decode([]);

        Assert.Null(timeline.Anchor);
        Assert.Empty(timeline.Events);
    }
}
