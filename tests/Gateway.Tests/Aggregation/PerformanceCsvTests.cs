namespace Streaming.Gateway.Tests.Aggregation;

public sealed class PerformanceCsvTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(-4));

    private static PerformanceResponse Answer(IReadOnlyList<PerformanceGroup>? groups) => new(
        Midnight, Midnight.AddDays(1), "America/New_York", "hour", new PerformanceTotals(1.5m, 3),
        [new PerformancePoint(Midnight, 1.5m, 3), new PerformancePoint(Midnight.AddHours(1), 0m, 0)], groups);

    [Fact]
    public void Ungrouped_csv_has_a_header_crlf_lines_and_two_decimal_minutes()
    {
        Assert.Equal(
            "start,minutesStreamed,uniqueStreams\r\n" +
            "2026-03-10T00:00:00-04:00,1.50,3\r\n" +
            "2026-03-10T01:00:00-04:00,0.00,0\r\n",
            PerformanceCsv.Write(Answer(null)));
    }

    [Fact]
    public void Grouped_csv_has_one_row_per_group_and_bucket_with_keys_quoted_when_needed()
    {
        var series = new[] { new PerformancePoint(Midnight, 12.25m, 1) };
        var csv = PerformanceCsv.Write(Answer(
        [
            new PerformanceGroup("plain", new PerformanceTotals(12.25m, 1), series),
            new PerformanceGroup("a,b", new PerformanceTotals(12.25m, 1), series),
            new PerformanceGroup("say \"hi\"", new PerformanceTotals(12.25m, 1), series),
            new PerformanceGroup("two\r\nlines", new PerformanceTotals(12.25m, 1), series),
        ]));

        Assert.Equal(
            "group,start,minutesStreamed,uniqueStreams\r\n" +
            "plain,2026-03-10T00:00:00-04:00,12.25,1\r\n" +
            "\"a,b\",2026-03-10T00:00:00-04:00,12.25,1\r\n" +
            "\"say \"\"hi\"\"\",2026-03-10T00:00:00-04:00,12.25,1\r\n" +
            "\"two\r\nlines\",2026-03-10T00:00:00-04:00,12.25,1\r\n",
            csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@sum", "\"'@sum\"")]
    [InlineData("-1", "\"'-1\"")]
    public void A_group_key_a_spreadsheet_would_run_as_a_formula_is_quoted_text(string key, string field)
    {
        var point = new PerformancePoint(Midnight, 1m, 1);

        var csv = PerformanceCsv.Write(Answer([new PerformanceGroup(key, new PerformanceTotals(1m, 1), [point])]));

        Assert.EndsWith($"\r\n{field},2026-03-10T00:00:00-04:00,1.00,1\r\n", csv);
    }

    [Fact]
    public void Csv_numbers_ignore_the_current_culture()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains(",1.50,3\r\n", PerformanceCsv.Write(Answer(null)));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
    }
}
