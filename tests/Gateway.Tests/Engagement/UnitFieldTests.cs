namespace Streaming.Gateway.Tests.Engagement;

/// <summary>A prime counter's field <c>{kind}:{id}</c>, parsed from its UTF-8 bytes as from its text.</summary>
public sealed class UnitFieldTests
{
    [Theory]
    [InlineData("title:a", true, "title", "a")]
    [InlineData("season:s1", true, "season", "s1")]
    [InlineData("title:a:b", true, "title", "a:b")]
    [InlineData("title:Amélie 映画", true, "title", "Amélie 映画")]
    [InlineData("title:", false, "", "")]
    [InlineData("titles:x", false, "", "")]
    [InlineData("movie:x", false, "", "")]
    [InlineData(":x", false, "", "")]
    [InlineData("title", false, "", "")]
    [InlineData("", false, "", "")]
    public void Bytes_parse_as_the_text_does(string field, bool parsed, string kind, string id)
    {
        Assert.Equal((parsed, kind, id), (EngagementLayout.TryParseUnit(field, out var k, out var i), parsed ? k : "", parsed ? i : ""));
        Assert.Equal((parsed, kind, id), (EngagementLayout.TryParseUnit(Encoding.UTF8.GetBytes(field), out var kb, out var ib), parsed ? kb : "", parsed ? ib : ""));
    }

    [Fact]
    public void The_kind_parsed_from_bytes_is_the_constant_itself()
    {
        Assert.True(EngagementLayout.TryParseUnit("season:x"u8, out var kind, out _));

        Assert.Same(EngagementLayout.SeasonKind, kind);
    }
}
