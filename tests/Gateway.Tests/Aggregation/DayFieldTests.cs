using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Aggregation;

/// <summary>Quarter-detail day fields, <c>{quarter}|{offer}|{marketplace}|{m or s}</c>, and the day in every key.</summary>
public sealed class DayFieldTests
{
    [Theory]
    [InlineData(0, "prime", "US")]
    [InlineData(95, "avod-free", "GB")]
    public void A_field_reads_back_as_its_quarter_offer_and_marketplace(int quarter, string offer, string marketplace)
    {
        var field = PerformanceCounterLayout.DayField(quarter, offer, marketplace, "m");

        Assert.True(PerformanceCounterLayout.TryParseDayField(field.AsSpan(), out var q, out var o, out var m, out var s));
        Assert.Equal((quarter, offer, marketplace, "m"), (q, o.ToString(), m.ToString(), s.ToString()));
    }

    [Theory]
    [InlineData("96|prime|US|m")]   // a day has quarters 0 to 95
    [InlineData("-1|prime|US|m")]
    [InlineData("x|prime|US|m")]
    [InlineData("4|prime|US|m|x")] // five parts
    [InlineData("4|prime|USm")]    // three
    [InlineData("|prime|US|m")]    // an all-titles roll-up field
    [InlineData("")]
    public void Anything_else_is_not_a_day_field(string field) =>
        Assert.False(PerformanceCounterLayout.TryParseDayField(field.AsSpan(), out _, out _, out _, out _));

    [Fact]
    public void Fields_of_another_form_are_left_out_of_the_parsed_cells()
    {
        var cells = DayCells.Parse([new("8|prime|US|m", 90_000), new("8|prime|US|s", 1), new("8|prime|US|x", 5), new("m:title", 7)]);

        Assert.Equal([new DayCell(8, "prime", "US", true, 90_000), new DayCell(8, "prime", "US", false, 1)], cells.Cells.ToArray());
    }

    [Theory]
    [InlineData(2026, 12, 1, "20261201")]
    [InlineData(987, 3, 9, "09870309")]
    public void A_day_is_written_as_eight_digits(int year, int month, int day, string expected) =>
        Assert.Equal(expected, PerformanceCounterLayout.Day(new DateOnly(year, month, day)));
}
