using Streaming.EngagementRanking.Domain;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>How one facts message is summed per month × territory, ranking unit and customer.</summary>
public sealed class FactDigestTests
{
    [Fact]
    public void Episodes_of_a_season_sum_into_the_season_and_a_movie_stays_a_title()
    {
        var digest = FactDigest.Of([
            Fact("c1", "ep-1", "2026-10-05T20", 1, 1_200_000, season: "s1"),
            Fact("c1", "ep-2", "2026-10-05T21", 1, 1_500_000, season: "s1"),
            Fact("c2", "ep-2", "2026-10-06T20", 1, 300_000, season: "s1"),
            Fact("c1", "movie", "2026-10-07T20", 1, 5_400_000),
        ]);

        var group = Assert.Single(digest.Groups);
        Assert.Equal((new UtcMonth(2026, 10), "US"), (group.Month, group.Territory));
        Assert.Equal(2, group.PrimeStreams[("season:s1", "c1")]);
        Assert.Equal(1, group.PrimeStreams[("season:s1", "c2")]);
        Assert.Equal(1, group.PrimeStreams[("title:movie", "c1")]);
        Assert.Equal(3, group.PrimeStreams.Count);
        Assert.Equal(3_000_000, group.PrimeWatchedMs["season:s1"]);
        Assert.Equal(5_400_000, group.PrimeWatchedMs["title:movie"]);
        Assert.Equal(4, group.FactCount);
        // The season's title is the first its facts named (the distributor of ep-1 owns s1); a movie records none.
        Assert.Equal(new Dictionary<string, string> { ["s1"] = "ep-1" }, digest.SeasonTitles);
    }

    [Fact]
    public void The_UTC_month_of_the_hour_and_the_marketplace_make_the_groups()
    {
        var digest = FactDigest.Of([
            Fact("c1", "t", "2026-11-01T00", 1, 60_000),
            Fact("c1", "t", "2026-10-31T23", 1, 60_000),
            Fact("c1", "t", "2026-10-31T23", 1, 60_000, marketplace: "DE"),
        ]);

        Assert.Equal(["2026-10 DE", "2026-10 US", "2026-11 US"], digest.Groups.Select(g => $"{g.Month} {g.Territory}"));
        Assert.Equal(Hour("2026-11-01T00").ToUnixTimeMilliseconds(), digest.NewestHourMs);
    }

    [Fact]
    public void Other_offers_count_streams_and_time_but_not_customers()
    {
        var digest = FactDigest.Of([
            Fact("c1", "t", "2026-10-05T20", 1, 60_000, offer: "tvod"),
            Fact("c2", "t", "2026-10-05T20", 2, 90_000, offer: "prime"),
        ]);

        var group = Assert.Single(digest.Groups);
        Assert.Equal([("title:t", "c2")], group.PrimeStreams.Keys);
        Assert.Equal(90_000, group.PrimeWatchedMs["title:t"]);
        Assert.Equal((1, 60_000), group.Offers[("title:t", "tvod")]);
        Assert.Equal((2, 90_000), group.Offers[("title:t", "prime")]);
    }

    [Fact]
    public void A_stream_moved_between_hours_of_one_month_nets_to_nothing_but_still_counts_as_facts()
    {
        var digest = FactDigest.Of([
            Fact("c1", "t", "2026-10-05T20", -1, -60_000),
            Fact("c1", "t", "2026-10-05T19", 1, 60_000),
        ]);

        var group = Assert.Single(digest.Groups);
        Assert.Empty(group.PrimeStreams);
        Assert.Empty(group.PrimeWatchedMs);
        Assert.Empty(group.Offers);
        Assert.Equal(2, group.FactCount);
        Assert.Equal(Hour("2026-10-05T20").ToUnixTimeMilliseconds(), digest.NewestHourMs);
    }

    [Fact]
    public void An_empty_message_has_no_groups_and_no_watermark()
    {
        var digest = FactDigest.Of([]);

        Assert.Empty(digest.Groups);
        Assert.Null(digest.NewestHourMs);
    }
}
