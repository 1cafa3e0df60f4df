using static Streaming.TestSupport.WireEvents;

namespace Streaming.Integration.Tests.Support;

/// <summary>The shared builders of the events tests post to ingest: every field where ingest expects it, times as ISO 8601.</summary>
public sealed class WireEventsTests
{
    [Theory]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z")]
    [InlineData("2026-11-20T10:00:00.5Z", "2026-11-20T10:00:00.5Z")]
    [InlineData("2026-03-01T23:30:00-08:00", "2026-03-01T23:30:00-08:00")]
    [InlineData("2026-03-01T09:00:00.125+05:45", "2026-03-01T09:00:00.125+05:45")]
    public void An_instant_is_written_with_its_offset_and_a_fraction_only_when_it_has_one(string instant, string written) =>
        Assert.Equal(written, Instant(DateTimeOffset.Parse(instant)));

    [Fact]
    public void A_playback_body_has_every_field_ingest_reads()
    {
        var body = Playback("a1", "play", DateTimeOffset.Parse("2026-11-20T10:00:00Z"), "c1", "tv", "e1", season: "s1");

        JsonAssert.Equal("""
            {"eventId":"a1","type":"play","occurredAt":"2026-11-20T10:00:00Z","customerId":"c1","deviceId":"tv","titleId":"e1",
             "marketplace":"US","offer":"prime","seasonId":"s1"}
            """, body);
    }

    [Fact]
    public void A_playback_body_stands_for_the_record_with_the_same_fields_and_offset()
    {
        var at = DateTimeOffset.Parse("2026-11-20T10:00:00.250-03:00");

        var record = PlaybackRecord(Playback("a1", "heartbeat", at, "c1", "web", "e1", "tvod", "BR", "s1"));

        Assert.Equal(PlaybackRecord("a1", "heartbeat", at, "c1", "web", "e1", "tvod", "BR", "s1"), record);
        Assert.Equal(TimeSpan.FromHours(-3), record.OccurredAt.Offset);
    }

    [Fact]
    public void A_subscription_body_keeps_the_time_as_written()
    {
        JsonAssert.Equal("""
            {"eventId":"s1","type":"cancelled","occurredAt":"2026-03-02T10:00:00","customerId":"bob","channelId":"sports","marketplace":"US"}
            """, Subscription("s1", "cancelled", "2026-03-02T10:00:00", "bob", "sports"));
    }
}
