namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>The finality rule as plain functions (<see cref="MonthFinality"/>): what a moment of progress makes final.</summary>
public sealed class MonthFinalityTests
{
    [Theory]
    [InlineData("2026-11-16T00:00:00Z", 15, "2026-10")] // October's end, November 1, plus 15 days exactly
    [InlineData("2026-11-15T23:59:59.999Z", 15, "2026-09")]
    [InlineData("2026-11-01T00:00:00Z", 0, "2026-10")] // no grace: the end itself
    [InlineData("2026-03-16T00:00:00Z", 15, "2026-02")] // February's 28 days: March 1 plus 15
    [InlineData("2026-01-15T12:00:00Z", 15, "2025-11")] // December 31, 12:00 is still December
    public void The_newest_final_month_is_the_newest_whose_end_plus_the_grace_has_been_reached(string caughtUpTo, int graceDays, string expected)
    {
        Assert.Equal(expected, MonthFinality.FinalThrough(DateTimeOffset.Parse(caughtUpTo), TimeSpan.FromDays(graceDays)).ToString());
    }

    [Fact]
    public void Every_partition_has_caught_up_to_the_oldest_progress_among_them()
    {
        var t = DateTimeOffset.Parse("2026-11-16T00:00:00Z");

        Assert.Equal(t, MonthFinality.CaughtUpTo(new Dictionary<int, DateTimeOffset> { [0] = t.AddMinutes(3), [1] = t }, 2));
        // A partition beyond the configured count is not waited for.
        Assert.Equal(t, MonthFinality.CaughtUpTo(new Dictionary<int, DateTimeOffset> { [0] = t, [1] = t.AddMinutes(1), [5] = t.AddDays(-9) }, 2));
    }

    [Fact]
    public void While_a_partition_has_not_reported_nothing_has_caught_up()
    {
        Assert.Null(MonthFinality.CaughtUpTo(new Dictionary<int, DateTimeOffset> { [0] = DateTimeOffset.UnixEpoch }, 2));
    }

    [Theory]
    [InlineData(MonthRecord.Reopened, "2026-12", false)]
    [InlineData(MonthRecord.Final, null, true)]
    [InlineData(MonthRecord.Open, "2026-12", false)]
    [InlineData(MonthRecord.Closing, "2026-12", false)]
    [InlineData(MonthRecord.None, "2026-10", true)]
    [InlineData(MonthRecord.None, "2026-09", false)]
    [InlineData(MonthRecord.None, null, false)]
    public void October_is_final_by_its_record_first_then_by_final_through(MonthRecord record, string? finalThrough, bool expected)
    {
        UtcMonth? through = UtcMonth.TryParse(finalThrough, out var month) ? month : null;

        Assert.Equal(expected, MonthFinality.IsFinal(new UtcMonth(2026, 10), record, through));
    }

    /// <summary>A closing month is not final yet (its slots are still closing) and takes no facts: they are late.</summary>
    [Theory]
    [InlineData(MonthRecord.Closing, "2026-09", false)]
    [InlineData(MonthRecord.Open, "2026-12", true)]
    [InlineData(MonthRecord.Reopened, "2026-12", true)]
    [InlineData(MonthRecord.Final, null, false)]
    [InlineData(MonthRecord.None, "2026-09", true)]
    [InlineData(MonthRecord.None, "2026-10", false)]
    public void October_takes_facts_unless_final_or_closing(MonthRecord record, string? finalThrough, bool expected)
    {
        UtcMonth? through = UtcMonth.TryParse(finalThrough, out var month) ? month : null;

        Assert.Equal(expected, MonthFinality.TakesFacts(new UtcMonth(2026, 10), record, through));
    }
}
