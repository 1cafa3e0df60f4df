using Streaming.Bench.LoadGen.Benchmark.Queries;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Tests.Queries;

/// <summary>The query benchmark refuses to time a wrong answer: each check passes the seed's exact figures only.</summary>
public sealed class AnswerCheckTests
{
    private static readonly QuerySeed Seed = new("abc123", 2, 2025);

    /// <summary>A gateway answer as JSON, in the shape the gateway writes (camelCase, offsets on instants).</summary>
    private static PerformanceAnswer Performance(string json) =>
        JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), AnswerJsonContext.Default.PerformanceAnswer)!;

    private static string HourJson(int hours, Func<int, string> point, string totals) =>
        $$"""{"from":"2025-09-01T00:00:00+00:00","to":"2025-10-01T00:00:00+00:00","tz":"UTC","granularity":"hour","totals":{{totals}},"series":[{{string.Join(",", Enumerable.Range(0, hours).Select(point))}}]}""";

    private static string Point(int h, string minutes, int streams) =>
        $$"""{"start":"{{new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero).AddHours(h):yyyy-MM-ddTHH:mm:ss}}+00:00","minutesStreamed":{{minutes}},"uniqueStreams":{{streams}}}""";

    [Fact]
    public void Two_titles_by_hour_are_two_streams_and_one_minute_in_each_of_720_hours()
    {
        // 2 × 720 streams; 2 × 720 × 30 s = 43,200 s = 720 min.
        var right = Performance(HourJson(720, h => Point(h, "1.00", 2), """{"minutesStreamed":720.00,"uniqueStreams":1440}"""));

        Assert.Null(AnswerCheck.HourSeries(right, Seed, 2));
    }

    [Fact]
    public void An_hour_short_of_a_stream_a_missing_hour_or_wrong_totals_are_named()
    {
        var shortHour = Performance(HourJson(720, h => Point(h, "1.00", h == 17 ? 1 : 2), """{"minutesStreamed":720.00,"uniqueStreams":1439}"""));
        var missingHour = Performance(HourJson(719, h => Point(h, "1.00", 2), """{"minutesStreamed":719.00,"uniqueStreams":1438}"""));
        var wrongTotals = Performance(HourJson(720, h => Point(h, "1.00", 2), """{"minutesStreamed":720.50,"uniqueStreams":1440}"""));

        Assert.Equal("hour 17: 2025-09-01T17:00:00.0000000+00:00 1 streams 1.00 min, not 2025-09-01T17:00:00.0000000+00:00 2 streams 1.00 min",
            AnswerCheck.HourSeries(shortHour, Seed, 2));
        Assert.Equal("719 hour buckets, not 720", AnswerCheck.HourSeries(missingHour, Seed, 2));
        Assert.Equal("the totals: 1440 streams 720.50 min, not 1440 streams 720.00 min", AnswerCheck.HourSeries(wrongTotals, Seed, 2));
    }

    private static string GroupsJson(string groups, string totals) =>
        $$"""{"from":"2025-09-01T00:00:00+00:00","to":"2025-10-01T00:00:00+00:00","tz":"UTC","granularity":"total","totals":{{totals}},"series":[],"groups":[{{groups}}]}""";

    private static string Group(string key, string minutes, int streams) =>
        $$"""{"key":"{{key}}","totals":{"minutesStreamed":{{minutes}},"uniqueStreams":{{streams}}},"series":[]}""";

    [Fact]
    public void By_title_each_seeded_title_has_720_streams_and_360_minutes()
    {
        var right = Performance(GroupsJson(Group("bench-qabc123-t0000", "360.00", 720) + "," + Group("bench-qabc123-t0001", "360.00", 720),
            """{"minutesStreamed":720.00,"uniqueStreams":1440}"""));
        var lessTime = Performance(GroupsJson(Group("bench-qabc123-t0000", "360.00", 720) + "," + Group("bench-qabc123-t0001", "359.50", 720),
            """{"minutesStreamed":719.50,"uniqueStreams":1440}"""));
        var oneGroup = Performance(GroupsJson(Group("bench-qabc123-t0000", "360.00", 720), """{"minutesStreamed":360.00,"uniqueStreams":720}"""));

        Assert.Null(AnswerCheck.TitleGroups(right, Seed));
        Assert.Equal("title bench-qabc123-t0001: 720 streams 359.50 min, not 720 streams 360.00 min", AnswerCheck.TitleGroups(lessTime, Seed));
        Assert.Equal("1 groups, not the 2 seeded titles", AnswerCheck.TitleGroups(oneGroup, Seed));
    }

    [Fact]
    public void The_title_list_holds_exactly_the_seeded_titles_with_their_month()
    {
        TitlesAnswer Titles(string json) => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), AnswerJsonContext.Default.TitlesAnswer)!;
        var right = Titles("""{"titles":[{"titleId":"bench-qabc123-t0000","minutesStreamed":360.00,"uniqueStreams":720},{"titleId":"bench-qabc123-t0001","minutesStreamed":360.00,"uniqueStreams":720}]}""");
        var another = Titles("""{"titles":[{"titleId":"bench-qabc123-t0000","minutesStreamed":360.00,"uniqueStreams":720},{"titleId":"bench-qabc123-t0001","minutesStreamed":360.00,"uniqueStreams":720},{"titleId":"other","minutesStreamed":1,"uniqueStreams":1}]}""");
        var fewer = Titles("""{"titles":[{"titleId":"bench-qabc123-t0000","minutesStreamed":360.00,"uniqueStreams":719},{"titleId":"bench-qabc123-t0001","minutesStreamed":360.00,"uniqueStreams":720}]}""");

        Assert.Null(AnswerCheck.Titles(right, Seed));
        Assert.Equal("3 titles, not the 2 seeded titles in order", AnswerCheck.Titles(another, Seed));
        Assert.Equal("title bench-qabc123-t0000: 719 streams 360.00 min, not 720 streams 360.00 min", AnswerCheck.Titles(fewer, Seed));
    }
}
