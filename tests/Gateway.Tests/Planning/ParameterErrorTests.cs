using static Streaming.Gateway.Tests.Planning.Plans;

namespace Streaming.Gateway.Tests.Planning;

public sealed class ParameterErrorTests
{
    [Theory]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("tz=Eastern%20Standard%20Time", "tz")]
    [InlineData("granularity=week", "granularity")]
    [InlineData("granularity=Day", "granularity")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-08T10:00:00", "from")]
    [InlineData("from=1969-12-31", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("offer=svod", "offer")]
    [InlineData("offer=prime&offer=PRIME", "offer")]
    [InlineData("marketplace=de", "marketplace")]
    [InlineData("marketplace=DEU", "marketplace")]
    [InlineData("titleId=", "titleId")]
    [InlineData("groupBy=season", "groupBy")]
    [InlineData("format=xml", "format")]
    [InlineData("from=2026-03-10&to=2026-03-09", "to")]
    [InlineData("from=2026-03-10T10:00:00Z&to=2026-03-10T10:00:00Z", "to")]
    [InlineData("from=2026-03-10T10:00:00Z&to=2026-03-10T11:00:00%2B01:00", "to")]
    [InlineData("from=2024-01-01&to=2027-01-01", "to")]
    [InlineData("from=2025-01-01&to=2026-02-21&granularity=hour", "granularity")]
    public void A_bad_parameter_is_named_alone(string query, string parameter)
    {
        var errors = Errors(query);

        Assert.Equal([parameter], errors.Keys);
        Assert.NotEmpty(errors[parameter][0]);
    }

    [Fact]
    public void Every_bad_parameter_is_named_at_once()
    {
        var errors = Errors("tz=Nowhere&granularity=week&from=x&offer=svod");

        Assert.Equal(["from", "granularity", "offer", "tz"], errors.Keys.Order());
    }

    [Fact]
    public void Hour_buckets_up_to_the_limit_are_allowed()
    {
        // 2025-01-01 .. 2026-02-20 is 416 days = 9,984 hours; one day more (10,008) is refused above.
        Assert.Equal(9_984, Plan("from=2025-01-01&to=2026-02-20&granularity=hour").BucketStarts.Count);
    }
}
