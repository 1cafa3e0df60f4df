using System.Buffers;
using Streaming.Bench.LoadGen.Benchmark.Subscriptions;

namespace Streaming.Bench.LoadGen.Tests;

public sealed class SubscriptionEventJsonTests
{
    [Fact]
    public void An_array_body_is_written_as_ingest_takes_it_with_the_local_offset_kept()
    {
        var buffer = new ArrayBufferWriter<byte>();
        SubscriptionEventJson.WriteArray(buffer,
            [WireEvents.SubscriptionRecord("b0", "trial_started", new DateTimeOffset(2026, 11, 27, 15, 30, 0, new TimeSpan(5, 30, 0)), "c1", "ch-kids", "IN")]);

        Assert.Equal(
            """[{"eventId":"b0","type":"trial_started","occurredAt":"2026-11-27T15:30:00+05:30","customerId":"c1","channelId":"ch-kids","marketplace":"IN"}]""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
