using Streaming.Gateway.Live;
using Streaming.Tenancy;

namespace Streaming.Gateway.Tests.Live;

public sealed class LiveQueryTests
{
    [Fact]
    public void Titles_are_sorted_and_distinct_and_no_channel_means_every_channel()
    {
        Assert.True(LiveQuery.TryParse(["b", "a", "b"], null, out var query, out _));
        Assert.Equal(["a", "b"], query.TitleIds);
        Assert.Null(query.ChannelId);
    }

    [Fact]
    public void No_parameter_at_all_is_every_title_and_every_channel_and_an_empty_channel_is_no_channel()
    {
        Assert.True(LiveQuery.TryParse(null, "", out var query, out _));
        Assert.Null(query.ChannelId);
        Assert.Empty(query.TitleIds);
        Assert.True(LiveQuery.TryParse([], "sports", out query, out _));
        Assert.Equal("sports", query.ChannelId);
    }

    public static TheoryData<string[], string?, string> BadParameters => new()
    {
        { [""], null, "titleId" },
        { ["a\u0001b"], null, "titleId" },
        { [.. Enumerable.Range(0, 101).Select(i => $"t{i}")], null, "titleId" },
        { [], "bad\nchannel", "channelId" },
        { [], new string('c', 129), "channelId" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void A_bad_parameter_is_named(string[] titleIds, string? channelId, string parameter)
    {
        Assert.False(LiveQuery.TryParse(titleIds, channelId, out _, out var errors));
        Assert.Equal([parameter], errors.Keys);
    }

    [Fact]
    public void Both_bad_are_named_at_once()
    {
        Assert.False(LiveQuery.TryParse([""], "\t", out _, out var errors));
        Assert.Equal(["channelId", "titleId"], errors.Keys.Order());
    }

    /// <summary>alpha owns titles a and b and channel ch-a; bravo owns title z and channel ch-z.</summary>
    private static TenancySnapshot Catalog() => new(1, [],
        [new("b", new StoredEntry("alpha", null)), new("a", new StoredEntry("alpha", null)), new("z", new StoredEntry("bravo", null))],
        [new("ch-a", new StoredEntry("alpha", null)), new("ch-z", new StoredEntry("bravo", null))],
        []);

    [Fact]
    public void A_distributors_query_reads_its_own_titles_and_channels_by_the_catalog_of_the_moment()
    {
        var everything = new LiveQuery([], null, "alpha").Select(Catalog);
        Assert.Equal(["a", "b"], everything.TitleIds);
        Assert.Equal(["ch-a"], everything.ChannelIds);

        // A filtered title the distributor no longer owns (moved since the stream opened) is read no more.
        var filtered = new LiveQuery(["a", "z"], "ch-z", "alpha").Select(Catalog);
        Assert.Equal(["a"], filtered.TitleIds);
        Assert.Empty(filtered.ChannelIds!);

        // A distributor without titles reads nothing, not everything.
        var nothing = new LiveQuery([], null, "nobody").Select(Catalog);
        Assert.Empty(nothing.TitleIds!);
        Assert.Empty(nothing.ChannelIds!);
    }

    [Fact]
    public void The_operators_query_reads_the_all_titles_counters_and_never_the_catalog()
    {
        var selection = new LiveQuery([], null).Select(() => throw new InvalidOperationException("the operator's query read the catalog"));
        Assert.Null(selection.TitleIds);
        Assert.Null(selection.ChannelIds);
        Assert.Equal(["x"], new LiveQuery(["x"], "c").Select(Catalog).TitleIds);
    }

    [Fact]
    public void Two_distributors_with_the_same_filters_do_not_share_a_reader() =>
        Assert.NotEqual(new LiveQuery([], null, "alpha").FilterKey, new LiveQuery([], null, "bravo").FilterKey);
}
