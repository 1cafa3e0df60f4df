using Streaming.Gateway.Live;

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
}
