using System.Globalization;

namespace Streaming.Gateway.Tests.Aggregation;

public sealed class WatchedTimeTests
{
    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(299L, "0.00")] // 0.00498 min
    [InlineData(300L, "0.01")] // 0.005 min: half away from zero
    [InlineData(-300L, "-0.01")]
    [InlineData(90_000L, "1.50")]
    [InlineData(59_999L, "1.00")]
    [InlineData(29_999_700L, "500.00")] // 499.995 min exactly: up
    [InlineData(29_999_699L, "499.99")]
    [InlineData(-29_999_700L, "-500.00")]
    public void Milliseconds_become_minutes_with_two_decimals_half_away_from_zero(long milliseconds, string expected)
    {
        Assert.Equal(expected, WatchedTime.Minutes(milliseconds).ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(17_999L, "0.00")]   // 0.0049997 h
    [InlineData(18_000L, "0.01")]   // 0.005 h: half away from zero
    [InlineData(-18_000L, "-0.01")]
    [InlineData(90_000L, "0.03")]   // 90 s = 0.025 h
    [InlineData(882_000L, "0.25")]  // 0.245 h
    [InlineData(3_600_000L, "1.00")]
    public void Milliseconds_become_hours_with_two_decimals_half_away_from_zero(long milliseconds, string expected)
    {
        Assert.Equal(expected, WatchedTime.Hours(milliseconds).ToString(CultureInfo.InvariantCulture));
    }
}
