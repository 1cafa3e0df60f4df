namespace Streaming.Gateway.Tests.Planning;

/// <summary>How a plan cuts its range into roll-up months and days and quarter-detail days (<see cref="PerformancePlan.Cover"/>).</summary>
public sealed class RangeCoverTests
{
    private static string Describe(string query)
    {
        var cover = Plans.Plan(query).Cover;
        static string Day(DateOnly d) => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"months [{string.Join(' ', cover.Months.Select(m => $"{Day(m.Start)}@{m.Bucket}"))}] " +
               $"days [{string.Join(' ', cover.Days.Select(d => $"{Day(d.Start)}@{d.Bucket}"))}] " +
               $"quarters [{string.Join(' ', cover.QuarterDays.Select(Day))}]";
    }

    [Theory]
    [InlineData("from=2026-03-01&to=2026-03-31&granularity=total", "months [03-01@0] days [] quarters []")]
    [InlineData("from=2026-02-28&to=2026-04-01&granularity=total", "months [03-01@0] days [02-28@0 04-01@0] quarters []")]
    [InlineData("from=2026-02-01&to=2026-04-30&granularity=month", "months [02-01@0 03-01@1 04-01@2] days [] quarters []")]
    [InlineData("from=2026-03-30&to=2026-04-01&granularity=day", "months [] days [03-30@0 03-31@1 04-01@2] quarters []")]
    [InlineData("from=2026-03-10&to=2026-03-10&granularity=hour", "months [] days [] quarters [03-10]")]
    [InlineData("from=2026-03-10T12:00:00Z&to=2026-03-12T06:00:00Z&granularity=total", "months [] days [03-11@0] quarters [03-10 03-12]")]
    // Local days of +05:45 or -04:00 always cut UTC days; their total covers whole UTC days between the cut ones.
    [InlineData("from=2026-03-10&to=2026-03-11&tz=Asia/Kathmandu&granularity=day", "months [] days [] quarters [03-09 03-10 03-11]")]
    [InlineData("from=2026-03-10&to=2026-03-12&tz=America/New_York&granularity=total", "months [] days [03-11@0 03-12@0] quarters [03-10 03-13]")]
    public void Whole_UTC_months_and_days_inside_one_bucket_come_from_roll_ups_and_the_rest_from_the_quarter_detail(string query, string expected) =>
        Assert.Equal(expected, Describe(query));
}
