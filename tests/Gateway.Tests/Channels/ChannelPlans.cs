namespace Streaming.Gateway.Tests.Channels;

/// <summary>Channel plans from query strings, against a fixed clock (03:00Z on 27 November 2026).</summary>
internal static class ChannelPlans
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    public static ChannelRequest Request(string query, string channelId = "ch-1")
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""));
        return new ChannelRequest
        {
            ChannelId = channelId,
            From = values.GetValueOrDefault("from"),
            To = values.GetValueOrDefault("to"),
            Granularity = values.GetValueOrDefault("granularity"),
            Format = values.GetValueOrDefault("format"),
        };
    }

    public static ChannelPlan Plan(string query, string channelId = "ch-1")
    {
        Assert.True(Planner().TryPlan(Request(query, channelId), out var plan, out var errors),
            string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return plan;
    }

    public static Dictionary<string, string[]> Errors(string query, string channelId = "ch-1")
    {
        Assert.False(Planner().TryPlan(Request(query, channelId), out _, out var errors));
        return errors;
    }

    private static ChannelPlanner Planner() => new(new FakeTimeProvider(Now));
}
