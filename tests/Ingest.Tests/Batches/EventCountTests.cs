using Streaming.Ingest.Batches;

namespace Streaming.Ingest.Tests.Batches;

public sealed class EventCountTests
{
    private static int? Count(string json, int max) => EventCount.OfLargeArray(Encoding.UTF8.GetBytes(json), max);

    [Fact]
    public void Elements_of_a_long_enough_array_are_counted_each_once_however_nested()
    {
        Assert.Equal(4, Count("""[{"a":[1,2,{"b":[]}]}, [3,[4]], "x,y", null]""", max: 3));
    }

    [Theory]
    [InlineData("[0,0,0,0]", 3)] // 9 bytes: four elements need 9, more than three need at least 2 × 3 + 3
    [InlineData("[0,0,0]", 3)]
    public void A_body_too_short_to_hold_more_than_the_limit_is_not_read(string json, int max)
    {
        Assert.Equal(json.Length >= 2 * max + 3 ? 4 : null, Count(json, max));
    }

    [Theory]
    [InlineData("""{"events":[1,2,3,4,5,6]}""")]
    [InlineData("[1,2,3,4,5,6")]
    [InlineData("[1,2,3,4,5,6]]")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public void Another_root_or_malformed_json_is_left_to_the_parse(string json)
    {
        Assert.Null(Count(json, max: 2));
    }
}
