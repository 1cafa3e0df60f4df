using System.Globalization;

namespace Streaming.Gateway.Tests.Channels;

public sealed class ChannelCsvAndListTests
{
    [Fact]
    public void Csv_has_a_header_and_one_crlf_row_per_bucket()
    {
        var answer = new ChannelResponse("ch,\"1\"", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 2), "day",
            new ChannelTotals(3, 1, 2, 1, 1, 0.5m),
            [new ChannelPoint(new DateOnly(2026, 2, 1), 3, 1, 0, 12, 4), new ChannelPoint(new DateOnly(2026, 2, 2), 0, 0, 2, 11, 3)],
            new ChannelActive(11, 3), new ChannelTotals(0, 0, 0, 0, 0, null));

        Assert.Equal(
            "start,trialStarts,paidConversions,cancellations,activeTrial,activePaid\r\n" +
            "2026-02-01,3,1,0,12,4\r\n" +
            "2026-02-02,0,0,2,11,3\r\n",
            ChannelCsv.Write(answer));
    }

    [Fact]
    public void Channel_list_sums_partitions_and_sorts_by_id()
    {
        IReadOnlyList<KeyValuePair<string, long>>[] partitions =
        [
            [new("activeTrial|sports", 2), new("activePaid|sports", 5), new("activeTrial|a|b", 0), new("activePaid|a|b", 1)],
            [new("activeTrial|sports", 1), new("activePaid|sports", 0), new("activeTrial|kids", 0), new("activePaid|kids", 0), new("junk", 9)],
        ];

        var list = ChannelList.Sum(partitions, _ => true);

        Assert.Equal(
            [new ChannelSummary("a|b", 0, 1), new ChannelSummary("kids", 0, 0), new ChannelSummary("sports", 3, 5)],
            list.Channels);
        Assert.Equal([new ChannelSummary("sports", 3, 5)], ChannelList.Sum(partitions, id => id == "sports").Channels);
    }

    [Fact]
    public void Conversion_rate_is_written_as_a_plain_json_number()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new ChannelTotals(2, 1, 1, 1, 0, ChannelAggregator.ConversionRate(2, 1)),
            System.Text.Json.JsonSerializerOptions.Web);

        Assert.Equal("""{"trialStarts":2,"paidConversions":1,"cancellations":1,"trialCancellations":1,"paidCancellations":0,"conversionRate":0.6667}""", json);
        Assert.Equal("0.6667", ChannelAggregator.ConversionRate(2, 1)!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("20240229|trialStarts", true)]
    [InlineData("20250229|trialStarts", false)]
    [InlineData("20261301|trialStarts", false)]
    [InlineData("00000101|trialStarts", false)]
    [InlineData("2026a101|trialStarts", false)]
    [InlineData("2026010|trialStarts", false)]
    [InlineData("20260101|", false)]
    [InlineData("20260101-trialStarts", false)]
    public void Day_fields_are_parsed_strictly(string field, bool valid)
    {
        Assert.Equal(valid, Streaming.PartitionedState.Layouts.ChannelCounterLayout.TryParseDayField(field, out var day, out var metric));
        if (valid) Assert.Equal((new DateOnly(2024, 2, 29), "trialStarts"), (day, metric));
    }
}
