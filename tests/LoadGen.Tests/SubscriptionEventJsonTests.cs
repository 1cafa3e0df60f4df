using System.Buffers;
using Streaming.Bench.LoadGen.Benchmark.Subscriptions;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Tests;

public sealed class SubscriptionEventJsonTests
{
    [Fact]
    public void An_array_body_is_written_as_ingest_takes_it_with_the_local_offset_kept()
    {
        var buffer = new ArrayBufferWriter<byte>();
        SubscriptionEventJson.WriteArray(buffer,
        [
            new SubscriptionEvent
            {
                EventId = "b0", Type = "trial_started", OccurredAt = new DateTimeOffset(2026, 11, 27, 15, 30, 0, new TimeSpan(5, 30, 0)),
                CustomerId = "c1", ChannelId = "ch-kids", Marketplace = "IN",
            },
        ]);

        Assert.Equal(
            """[{"eventId":"b0","type":"trial_started","occurredAt":"2026-11-27T15:30:00+05:30","customerId":"c1","channelId":"ch-kids","marketplace":"IN"}]""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
