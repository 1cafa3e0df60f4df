namespace Streaming.Integration.Tests.Support;

/// <summary>The fake clock of tests that need one UTC date: the real time, on the half second, kept off the midnights.</summary>
public sealed class TodayClockTests
{
    [Theory]
    [InlineData("2026-11-30T14:07:31.9871234Z", "2026-11-30T14:07:31.5000000Z")]  // the real second, plus half a second
    [InlineData("2026-11-30T00:04:59.9990000Z", "2026-11-30T00:05:00.5000000Z")]  // too close after midnight: 5 minutes after it
    [InlineData("2026-11-30T23:55:00.2000000Z", "2026-11-30T23:55:00.5000000Z")]  // exactly 5 minutes before: kept
    [InlineData("2026-11-30T23:59:59.0000000Z", "2026-11-30T23:55:00.5000000Z")]  // too close before midnight: 5 minutes before it
    [InlineData("2026-12-01T08:30:00.0000000+09:00", "2026-11-30T23:30:00.5000000Z")] // the UTC day counts, not the local one
    public void Starts_at_the_real_second_kept_five_minutes_off_either_midnight(string now, string start) =>
        Assert.Equal(DateTimeOffset.Parse(start), TodayClock.Within(DateTimeOffset.Parse(now)));
}
