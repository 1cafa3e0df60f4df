using System.Buffers;
using Streaming.Bench.LoadGen.Benchmark.Subscriptions;
using Streaming.Bench.LoadGen.Wire;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Tests;

/// <summary>Request bodies as ingest's HTTP API takes them, from the hand-written writers.</summary>
public sealed class EventJsonTests
{
    private static string Body(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void A_playback_array_leaves_optional_fields_out_and_keeps_each_offset()
    {
        var body = Body(buffer => EventJson.WriteArray(buffer,
        [
            new PlaybackEvent
            {
                EventId = "e0", Type = "play", OccurredAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero),
                CustomerId = "c1", DeviceId = "d1", TitleId = "t1", Marketplace = "US", Offer = "prime",
            },
            new PlaybackEvent
            {
                EventId = "e1", Type = "heartbeat", OccurredAt = new DateTimeOffset(2026, 11, 27, 10, 0, 30, TimeSpan.FromHours(1)),
                CustomerId = "c1", DeviceId = "d1", TitleId = "t1", SeasonId = "s1", Marketplace = "DE", Offer = "channel",
                ChannelId = "ch-kids", PositionSeconds = 30,
            },
        ]));

        Assert.Equal(
            """[{"eventId":"e0","type":"play","occurredAt":"2026-11-27T10:00:00+00:00","customerId":"c1","deviceId":"d1","titleId":"t1","marketplace":"US","offer":"prime"},""" +
            """{"eventId":"e1","type":"heartbeat","occurredAt":"2026-11-27T10:00:30+01:00","customerId":"c1","deviceId":"d1","titleId":"t1","seasonId":"s1","marketplace":"DE","offer":"channel","channelId":"ch-kids","positionSeconds":30}]""",
            body);
    }

    [Fact]
    public void A_subscription_array_keeps_the_local_offset()
    {
        var body = Body(buffer => SubscriptionEventJson.WriteArray(buffer,
        [
            new SubscriptionEvent
            {
                EventId = "b0", Type = "trial_started", OccurredAt = new DateTimeOffset(2026, 11, 27, 15, 30, 0, new TimeSpan(5, 30, 0)),
                CustomerId = "c1", ChannelId = "ch-kids", Marketplace = "IN",
            },
        ]));

        Assert.Equal(
            """[{"eventId":"b0","type":"trial_started","occurredAt":"2026-11-27T15:30:00+05:30","customerId":"c1","channelId":"ch-kids","marketplace":"IN"}]""",
            body);
    }
}
