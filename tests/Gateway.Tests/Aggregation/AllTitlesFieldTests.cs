using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Aggregation;

/// <summary>The all-titles roll-up fields: written as <c>|{offer}|{marketplace}|{m or s}</c>, read back without allocating.</summary>
public sealed class AllTitlesFieldTests
{
    [Theory]
    [InlineData("svod", "US", "m", true)]
    [InlineData("avod-free", "GB", "s", false)]
    public void A_field_reads_back_as_its_offer_marketplace_and_kind(string offer, string marketplace, string suffix, bool watched)
    {
        var field = PerformanceCounterLayout.AllTitlesField(offer, marketplace, suffix);

        Assert.Equal($"|{offer}|{marketplace}|{suffix}", field);
        Assert.True(PerformanceCounterLayout.TryParseAllTitlesField(field, out var o, out var m, out var w));
        Assert.Equal((offer, marketplace, watched), (o.ToString(), m.ToString(), w));
    }

    [Theory]
    [InlineData("t1|svod|US|m")] // a per-title breakdown's field
    [InlineData("|svod|US|x")]
    [InlineData("|svodUS|m")]
    [InlineData("40|svod|US|m")] // a quarter-hour detail field
    [InlineData("|m")]
    [InlineData("")]
    public void Anything_else_is_not_an_all_titles_field(string field) =>
        Assert.False(PerformanceCounterLayout.TryParseAllTitlesField(field, out _, out _, out _));
}
