namespace Streaming.Gateway.Tests.Planning;

/// <summary>Plans from query strings as a browser would send them, against a fixed clock.</summary>
internal static class Plans
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    public static PerformanceRequest Request(string query)
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Name: kv[0], Value: Uri.UnescapeDataString(kv.Length > 1 ? kv[1].Replace('+', ' ') : "")))
            .ToLookup(kv => kv.Name, kv => kv.Value);
        return new PerformanceRequest
        {
            From = values["from"].LastOrDefault(),
            To = values["to"].LastOrDefault(),
            Granularity = values["granularity"].LastOrDefault(),
            Tz = values["tz"].LastOrDefault(),
            TitleIds = values["titleId"].ToList(),
            Offers = values["offer"].ToList(),
            Marketplaces = values["marketplace"].ToList(),
            GroupBy = values["groupBy"].LastOrDefault(),
            Format = values["format"].LastOrDefault(),
        };
    }

    public static PerformancePlan Plan(string query, DateTimeOffset? now = null)
    {
        var planner = new PerformancePlanner(new FakeTimeProvider(now ?? Now));
        Assert.True(planner.TryPlan(Request(query), out var plan, out var errors),
            string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return plan;
    }

    public static Dictionary<string, string[]> Errors(string query)
    {
        var planner = new PerformancePlanner(new FakeTimeProvider(Now));
        Assert.False(planner.TryPlan(Request(query), out _, out var errors));
        return errors;
    }

    public static string[] Iso(IEnumerable<DateTimeOffset> instants) => instants.Select(InstantText.Iso).ToArray();
}
