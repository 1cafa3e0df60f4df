using Microsoft.Playwright;
using static Streaming.Dashboard.Tests.PageReading;

namespace Streaming.Dashboard.Tests;

/// <summary>
/// The dashboard in headless Chromium against every real service: what the browser shows is exactly what the test
/// posted to ingest, worked out by hand in <see cref="DashboardEvents"/> and <see cref="LiveEvents"/>.
/// </summary>
public sealed class DashboardTests(RealDependencies deps, Chromium chromium) : IClassFixture<RealDependencies>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Dashboard_shows_the_posted_numbers_exactly_without_console_errors_or_failed_requests()
    {
        await using var stage = await DashboardStage.StartAsync(deps, "numbers");
        await stage.PostPlaybackAsync(DashboardEvents.November());
        await stage.PostSubscriptionsAsync(DashboardEvents.Sports());
        await stage.WaitForPlaybackAsync(12);
        await stage.WaitForSubscriptionsAsync(7);
        await stage.WaitForAnswerAsync("/v1/metrics/engagement?month=2026-11&territory=US", DashboardEvents.NovemberUs);

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        await OpenAsync(page, stage.GatewayAddress);

        await Field(page, "From").FillAsync("2026-11-20");
        await Field(page, "To").FillAsync("2026-11-21");
        await Field(page, "Time zone (IANA)").FillAsync("Europe/Berlin");
        await Field(page, "Granularity").SelectOptionAsync("day");
        await Field(page, "Titles").SelectOptionAsync(["dash-a", "dash-b"]);
        await Button(page, "Show").ClickAsync();

        // Minutes and streams: dash-b's 23:30Z falls on the 21st in Berlin; the total is rounded once (5.33, not 5.34).
        await HasTextAsync(page, "#performance-table caption", "Per day, Europe/Berlin");
        await ShowsRowsAsync(page, "#performance-table", "2026-11-20 | 4.17 | 2", "2026-11-21 | 1.17 | 1");
        await ShowsRowsAsync(page, "#offers-table", "prime | 4.17 | 2", "tvod | 1.17 | 1");
        await HasTextAsync(page, "#performance-minutes", "5.33");
        await HasTextAsync(page, "#performance-streams", "3");
        await ShowsAsync(["2026-11-20 · prime: 4.17", "2026-11-21 · tvod: 1.17"], () => ChartTitlesAsync(page, "#minutes-chart"));
        await ShowsAsync(["2026-11-20 · prime: 2", "2026-11-21 · tvod: 1"], () => ChartTitlesAsync(page, "#streams-chart"));

        // Channel dash-sports over the same period: its five numbers, the chart and a row per local day.
        await Assertions.Expect(Field(page, "Channel")).ToHaveValueAsync("dash-sports");
        await ShowsRowsAsync(page, "#channel-table", "2026-11-20 | 1 | 0 | 0 | 1 | 1", "2026-11-21 | 2 | 1 | 1 | 1 | 2");
        await HasTextAsync(page, "#channel-trial-starts", "3");
        await HasTextAsync(page, "#channel-paid-conversions", "1");
        await HasTextAsync(page, "#channel-cancellations", "1");
        await HasTextAsync(page, "#channel-active-trial", "1");
        await HasTextAsync(page, "#channel-active-paid", "2");
        await HasTextAsync(page, "#channel-conversion-rate", "50.00%");
        await ShowsAsync([
            "2026-11-20 · Trial starts: 1", "2026-11-21 · Trial starts: 2", "2026-11-21 · Paid conversions: 1", "2026-11-21 · Cancellations: 1",
            "2026-11-20 · Active trial: 1", "2026-11-21 · Active trial: 1", "2026-11-20 · Active paid: 1", "2026-11-21 · Active paid: 2",
        ], () => ChartTitlesAsync(page, "#channel-chart"));

        // The CER table of November in the US (typed in lower case), and its earnings CSV through the page's link.
        await Field(page, "Month (UTC)").FillAsync("2026-11");
        await Field(page, "Territory").FillAsync("us");
        await Button(page, "Show ranking").ClickAsync();
        await HasTextAsync(page, "#engagement-table caption", "CER in US, 2026-11");
        await ShowsRowsAsync(page, "#engagement-table",
            "dash-a | title | 100 | 2 | 4.17 | 0.07 | 0.01 | USD",
            "dash-s1 | season | 0 | 1 | 0.50 | 0.01 | 0.00 | USD");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Earnings report 2026-11 (CSV, every territory and offer)" }).ClickAsync());
        Assert.Equal("earnings-2026-11.csv", download.SuggestedFilename);
        Assert.Equal(DashboardEvents.NovemberEarnings, Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)));

        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("dashboard.png"), FullPage = true });

        // A phone: one column, nothing wider than the screen (wide tables scroll inside their own box).
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "at 390 px the page is wider than the screen: " + await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("dashboard-phone.png"), FullPage = true });

        problems.AssertNone();
    }

    [Fact]
    public async Task Live_tiles_change_to_the_new_exact_numbers_when_events_arrive()
    {
        var clock = TodayClock.Create();
        await using var stage = await DashboardStage.StartAsync(deps, "live", clock);
        var now = clock.GetUtcNow();
        var (playback, subscriptions) = LiveEvents.First(now);
        await stage.PostPlaybackAsync(playback);
        await stage.PostSubscriptionsAsync(subscriptions);
        await stage.WaitForPlaybackAsync(2);
        await stage.WaitForSubscriptionsAsync(1);

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        await OpenAsync(page, stage.GatewayAddress);
        await Assertions.Expect(Field(page, "Channel")).ToHaveValueAsync(LiveEvents.Channel);
        await HasTextAsync(page, "#live-minutes-today", "0.50");
        await HasTextAsync(page, "#live-streams-today", "1");
        await HasTextAsync(page, "#live-trials-today", "1");
        await HasTextAsync(page, "#live-conversions-today", "0");

        (playback, subscriptions) = LiveEvents.Second(now);
        await stage.PostPlaybackAsync(playback);
        await stage.PostSubscriptionsAsync(subscriptions);
        await stage.WaitForPlaybackAsync(4);
        await stage.WaitForSubscriptionsAsync(3);

        // No reload: the stream brings the new numbers, on the gateway's next tick.
        clock.Advance(TimeSpan.FromSeconds(1));
        await HasTextAsync(page, "#live-minutes-today", "1.50");
        await HasTextAsync(page, "#live-streams-today", "2");
        await HasTextAsync(page, "#live-trials-today", "2");
        await HasTextAsync(page, "#live-conversions-today", "1");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("dashboard-live.png"), FullPage = true });
        problems.AssertNone();
    }

    [Fact]
    public async Task A_problem_answer_of_the_gateway_is_shown_to_the_user_and_cleared_once_fixed()
    {
        await using var stage = await DashboardStage.StartAsync(deps, "problem");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenAsync(page, stage.GatewayAddress);

        await Field(page, "Time zone (IANA)").FillAsync("Mars/Olympus_Mons");
        await Button(page, "Show").ClickAsync();

        var alert = page.Locator("#performance-error");
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(alert).ToContainTextAsync("tz: 'Mars/Olympus_Mons' is not an IANA time zone name, e.g. Europe/Berlin.");
        await Assertions.Expect(alert).ToHaveAttributeAsync("role", "alert");

        await Field(page, "Time zone (IANA)").FillAsync("UTC");
        await Button(page, "Show").ClickAsync();
        await Assertions.Expect(alert).ToBeHiddenAsync();
        await HasTextAsync(page, "#performance-table caption", "Per day, UTC");
    }

    [Fact]
    public async Task The_API_reference_page_renders_under_its_content_security_policy_for_a_signed_in_operator()
    {
        await using var stage = await DashboardStage.StartAsync(deps, "scalar");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        // The page and the document it fetches are the operator's: the dashboard's session cookie carries the key.
        await OpenAsync(page, stage.GatewayAddress);

        var response = await page.GotoAsync(new Uri(stage.GatewayAddress, "scalar/").ToString());

        Assert.Equal(200, response?.Status);
        Assert.StartsWith("default-src 'self'; script-src 'self' 'unsafe-inline'", await response!.HeaderValueAsync("content-security-policy"));
        // The operations are rendered from the OpenAPI document the page fetched: its script ran and its fetch was allowed.
        await Assertions.Expect(page.GetByText($"curl {stage.GatewayAddress}v1/metrics/performance").First)
            .ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        problems.AssertNone();
    }
}
