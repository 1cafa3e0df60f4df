using StackExchange.Redis;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Channels;

/// <summary>
/// The channel routes over HTTP against real Redis. Each test writes, under its own namespace, by hand and in the
/// subscription service's layout, channel "sports" over the gateway's two partitions:
/// <code>
/// partition 0: 2026-03-01 trial start (+1 trial); 2026-03-03 it converts (−1 trial, +1 paid)
/// partition 1: 2026-03-02 trial start (+1 trial); 2026-03-03 it is cancelled (−1 trial)
/// </code>
/// and channel "kids" (one paid start, partition 1, on 2026-02-20), with the current counts that go with them.
/// </summary>
public sealed class ChannelApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private async Task<(GatewayApp App, HttpClient Http)> StartAsync(string hint)
    {
        var app = new GatewayApp(dependencies, RealDependencies.NewNamespace(hint));
        var p = app.Prefix;
        await app.WriteHashAsync(ChannelCounterLayout.ChannelDays(p, 0, "sports"),
            ("20260301|trialStarts", 1), ("20260301|activeTrialChange", 1),
            ("20260303|paidConversions", 1), ("20260303|activeTrialChange", -1), ("20260303|activePaidChange", 1));
        await app.WriteHashAsync(ChannelCounterLayout.ChannelDays(p, 1, "sports"),
            ("20260302|trialStarts", 1), ("20260302|activeTrialChange", 1),
            ("20260303|trialCancellations", 1), ("20260303|activeTrialChange", -1));
        await app.WriteHashAsync(ChannelCounterLayout.ChannelDays(p, 1, "kids"), ("20260220|paidStarts", 1), ("20260220|activePaidChange", 1));
        await app.WriteHashAsync(ChannelCounterLayout.Channels(p, 0), ("activeTrial|sports", 0), ("activePaid|sports", 1));
        await app.WriteHashAsync(ChannelCounterLayout.Channels(p, 1),
            ("activeTrial|sports", 0), ("activePaid|sports", 0), ("activeTrial|kids", 0), ("activePaid|kids", 1));
        return (app, app.CreateClient());
    }

    [Fact]
    public async Task Channel_days_sum_both_partitions_with_totals_series_current_and_previous_period()
    {
        var (app, http) = await StartAsync("chan-day");
        await using var _ = app;

        JsonAssert.Equal("""
            {"channelId":"sports","from":"2026-03-01","to":"2026-03-03","granularity":"day",
             "totals":{"trialStarts":2,"paidConversions":1,"cancellations":1,"trialCancellations":1,"paidCancellations":0,"conversionRate":0.5},
             "series":[{"start":"2026-03-01","trialStarts":1,"paidConversions":0,"cancellations":0,"activeTrial":1,"activePaid":0},
                       {"start":"2026-03-02","trialStarts":1,"paidConversions":0,"cancellations":0,"activeTrial":2,"activePaid":0},
                       {"start":"2026-03-03","trialStarts":0,"paidConversions":1,"cancellations":1,"activeTrial":0,"activePaid":1}],
             "current":{"activeTrial":0,"activePaid":1},
             "previousPeriod":{"trialStarts":0,"paidConversions":0,"cancellations":0,"trialCancellations":0,"paidCancellations":0,"conversionRate":null}}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/channels/sports?from=2026-03-01&to=2026-03-03"));
    }

    [Fact]
    public async Task Csv_downloads_the_series()
    {
        var (app, http) = await StartAsync("chan-csv");
        await using var _ = app;

        var response = await http.GetAsync("/v1/metrics/channels/sports?from=2026-03-02&to=2026-03-03&granularity=total&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"channel-metrics.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("start,trialStarts,paidConversions,cancellations,activeTrial,activePaid\r\n2026-03-02,1,1,1,0,1\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Channel_list_has_every_channel_with_its_current_counts()
    {
        var (app, http) = await StartAsync("chan-list");
        await using var _ = app;

        JsonAssert.Equal("""
            {"channels":[{"channelId":"kids","activeTrial":0,"activePaid":1},{"channelId":"sports","activeTrial":0,"activePaid":1}]}
            """, await GatewayAnswers.GetJsonAsync(http, "/v1/metrics/channels"));
    }

    [Fact]
    public async Task Bad_parameters_are_400_problems_naming_them()
    {
        var (app, http) = await StartAsync("chan-bad");
        await using var _ = app;

        await GatewayAnswers.AssertBadParametersAsync(await http.GetAsync("/v1/metrics/channels/sports?from=2026-03-05&to=2026-03-01&granularity=hour"), "granularity");
        await GatewayAnswers.AssertBadParametersAsync(await http.GetAsync("/v1/metrics/channels/sports?from=2026-03-05&to=2026-03-01"), "to");
    }

    [Fact]
    public async Task OpenApi_documents_both_routes()
    {
        var (app, http) = await StartAsync("chan-openapi");
        await using var _ = app;

        using var document = JsonDocument.Parse(await GatewayAnswers.GetJsonAsync(http, "/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var channel = paths.GetProperty("/v1/metrics/channels/{channelId}").GetProperty("get");
        Assert.Equal("GetChannelMetrics", channel.GetProperty("operationId").GetString());
        Assert.True(channel.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out var csv) && csv.ValueKind == JsonValueKind.Object);
        Assert.Equal(["channelId", "from", "to", "granularity", "format"],
            channel.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("ListChannels", paths.GetProperty("/v1/metrics/channels").GetProperty("get").GetProperty("operationId").GetString());
    }
}
