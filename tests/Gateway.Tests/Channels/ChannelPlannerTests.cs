using static Streaming.Gateway.Tests.Channels.ChannelPlans;

namespace Streaming.Gateway.Tests.Channels;

public sealed class ChannelPlannerTests
{
    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Default_is_the_30_days_ending_today_UTC_by_day()
    {
        var plan = Plan("");

        Assert.Equal((D("2026-10-29"), D("2026-11-27"), ChannelGranularity.Day, false), (plan.From, plan.To, plan.Granularity, plan.Csv));
        Assert.Equal(30, plan.BucketStarts.Count);
        Assert.Equal((D("2026-09-29"), D("2026-10-28")), (plan.PreviousFrom, plan.PreviousTo));
    }

    [Fact]
    public void A_given_to_alone_ends_the_30_days_and_a_given_from_alone_runs_to_today()
    {
        Assert.Equal((D("2026-01-02"), D("2026-01-31")), (Plan("to=2026-01-31").From, Plan("to=2026-01-31").To));
        Assert.Equal((D("2026-11-01"), D("2026-11-27")), (Plan("from=2026-11-01").From, Plan("from=2026-11-01").To));
    }

    [Fact]
    public void Month_buckets_start_on_the_first_the_first_one_possibly_before_from()
    {
        var plan = Plan("from=2026-01-15&to=2026-03-10&granularity=month");

        Assert.Equal([D("2026-01-01"), D("2026-02-01"), D("2026-03-01")], plan.BucketStarts);
        Assert.Equal([D("2026-01-31"), D("2026-02-28"), D("2026-03-10")], Enumerable.Range(0, 3).Select(plan.BucketEnd));
    }

    [Fact]
    public void Total_is_one_bucket_from_from_to_to_and_the_previous_period_has_the_same_length()
    {
        var plan = Plan("from=2026-03-01&to=2026-03-31&granularity=total");

        Assert.Equal([D("2026-03-01")], plan.BucketStarts);
        Assert.Equal(D("2026-03-31"), plan.BucketEnd(0));
        Assert.Equal((31, D("2026-01-29"), D("2026-02-28")), (plan.Days, plan.PreviousFrom, plan.PreviousTo));
    }

    [Fact]
    public void One_day_and_three_years_less_a_day_are_allowed()
    {
        Assert.Single(Plan("from=2026-02-01&to=2026-02-01").BucketStarts);
        Assert.Equal(1096, Plan("from=2024-01-01&to=2026-12-31").Days);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-03-08T10:00:00Z", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("to=3000-01-01", "to")]
    [InlineData("granularity=hour", "granularity")]
    [InlineData("granularity=Day", "granularity")]
    [InlineData("format=xml", "format")]
    [InlineData("from=2026-03-10&to=2026-03-09", "to")]
    [InlineData("from=2024-01-01&to=2027-01-01", "to")]
    public void A_bad_parameter_is_named_alone(string query, string parameter)
    {
        var errors = Errors(query);

        Assert.Equal([parameter], errors.Keys);
        Assert.NotEmpty(errors[parameter][0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ch\u0001")]
    public void A_bad_channel_id_is_named(string channelId) => Assert.Equal(["channelId"], Errors("", channelId).Keys);

    [Fact]
    public void A_channel_id_of_128_characters_is_fine_and_129_is_not()
    {
        Assert.Equal(new string('é', 128), Plan("", new string('é', 128)).ChannelId);
        Assert.Equal(["channelId"], Errors("", new string('x', 129)).Keys);
    }

    [Fact]
    public void Every_bad_parameter_is_named_at_once()
    {
        Assert.Equal(["channelId", "from", "granularity", "format"], Errors("from=x&granularity=week&format=pdf", "").Keys);
    }
}
