using System.Globalization;

namespace Streaming.Gateway.Tests.Aggregation;

public sealed class MinutesTests
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
        Assert.Equal(expected, Minutes.FromMilliseconds(milliseconds).ToString(CultureInfo.InvariantCulture));
    }
}
