using Streaming.Gateway.Live;

namespace Streaming.Gateway.Tests.Live;

/// <summary>Which instant, second and day one live update is about, from the gateway's clock.</summary>
public sealed class LiveInstantTests
{
    private static long Unix(string instant) => DateTimeOffset.Parse(instant).ToUnixTimeSeconds();

    [Theory]
    [InlineData("2026-11-27T05:00:01.000Z", "2026-11-27T05:00:01Z", "2026-11-27T05:00:00Z", "2026-11-27")]
    [InlineData("2026-11-27T05:00:01.999Z", "2026-11-27T05:00:01Z", "2026-11-27T05:00:00Z", "2026-11-27")]
    [InlineData("2026-11-27T06:00:01.5+01:00", "2026-11-27T05:00:01Z", "2026-11-27T05:00:00Z", "2026-11-27")]
    [InlineData("2026-11-27T23:59:59.999Z", "2026-11-27T23:59:59Z", "2026-11-27T23:59:58Z", "2026-11-27")]
    [InlineData("2026-11-28T00:00:00.250Z", "2026-11-28T00:00:00Z", "2026-11-27T23:59:59Z", "2026-11-28")]
    [InlineData("2026-11-28T00:30:00+01:00", "2026-11-27T23:30:00Z", "2026-11-27T23:29:59Z", "2026-11-27")]
    public void The_update_is_taken_at_the_whole_second_and_counts_the_second_before_it(
        string clock, string at, string lastCompleteSecondStart, string today)
    {
        var instant = new LiveInstant(DateTimeOffset.Parse(clock));

        Assert.Equal(at, instant.AtText);
        Assert.Equal(Unix(lastCompleteSecondStart), instant.LastCompleteSecond);
        Assert.Equal(DateOnly.Parse(today), instant.Today);
        Assert.Equal(DateTimeOffset.Parse(at).ToUnixTimeMilliseconds(), instant.AtMs);
    }
}
