namespace Streaming.Gateway.Tests.Aggregation;

public sealed class TitleTotalsTests
{
    [Fact]
    public void Titles_are_summed_across_partitions_and_sorted_by_id()
    {
        var answer = TitleTotals.Sum(
        [
            [KeyValuePair.Create("m:b", 90_000L), KeyValuePair.Create("s:b", 2L), KeyValuePair.Create("m:a", 300L)],
            [KeyValuePair.Create("m:b", 45_000L), KeyValuePair.Create("s:b", 1L), KeyValuePair.Create("s:a", 1L), KeyValuePair.Create("x:c", 9L)],
            [KeyValuePair.Create("m:a", 300L), KeyValuePair.Create("m:a:b", 60_000L)],
        ], _ => true);

        Assert.Equal(
            [new TitleSummary("a", 0.01m, 1), new TitleSummary("a:b", 1.00m, 0), new TitleSummary("b", 2.25m, 3)],
            answer.Titles);
    }

    [Fact]
    public void Only_the_titles_the_caller_sees_are_listed()
    {
        var answer = TitleTotals.Sum(
        [
            [KeyValuePair.Create("m:b", 90_000L), KeyValuePair.Create("s:b", 2L), KeyValuePair.Create("m:a", 300L)],
            [KeyValuePair.Create("m:b", 45_000L), KeyValuePair.Create("s:b", 1L), KeyValuePair.Create("s:a", 1L)],
        ], titleId => titleId == "b");

        Assert.Equal([new TitleSummary("b", 2.25m, 3)], answer.Titles);
    }
}
