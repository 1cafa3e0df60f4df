using Microsoft.Playwright;
using Streaming.ServiceDefaults;
using static Streaming.Dashboard.Tests.PageReading;

namespace Streaming.Dashboard.Tests;

/// <summary>Signing in to the dashboard in headless Chromium with a distributor's real access key, and out again.</summary>
public sealed class SignInTests(RealDependencies deps, Chromium chromium) : IClassFixture<RealDependencies>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_distributor_signs_in_through_the_form_sees_its_numbers_and_signs_out_and_no_script_can_read_the_key()
    {
        await using var stage = await DashboardStage.StartAsync(deps, "signin");
        await stage.PostPlaybackAsync(DashboardEvents.November());
        await stage.PostSubscriptionsAsync(DashboardEvents.Sports());
        await stage.WaitForPlaybackAsync(12);
        await stage.WaitForSubscriptionsAsync(7);
        var key = await stage.IssueAccessKeyAsync();

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);
        await OpenAsync(page, stage.GatewayAddress, key);

        await HasTextAsync(page, "#session-who", $"Signed in as {TestTenancy.DistributorId}");
        await Field(page, "From").FillAsync("2026-11-20");
        await Field(page, "To").FillAsync("2026-11-21");
        await Field(page, "Time zone (IANA)").FillAsync("Europe/Berlin");
        await Field(page, "Titles").SelectOptionAsync(["dash-a", "dash-b"]);
        await Button(page, "Show").ClickAsync();
        await HasTextAsync(page, "#performance-minutes", "5.33");
        await HasTextAsync(page, "#performance-streams", "3");

        // The browser holds the key in the session cookie, which no script of the page can read.
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == ClientCredential.SessionCookie);
        Assert.Equal(key, Uri.UnescapeDataString(cookie.Value));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.False(cookie.Secure); // plain HTTP on loopback
        var scriptCookies = await page.EvaluateAsync<string>("() => document.cookie");
        Assert.DoesNotContain(key, scriptCookies);
        Assert.DoesNotContain(ClientCredential.SessionCookie, scriptCookies);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));

        await Button(page, "Sign out").ClickAsync();
        await WaitUntilAsync(page, "signed-out");
        await Assertions.Expect(Field(page, "Access key")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ClientCredential.SessionCookie);
        problems.AssertNone();
    }

    [Fact]
    public async Task A_refused_key_is_explained_in_the_form()
    {
        await using var stage = await DashboardStage.StartAsync(deps, "signin-refused");
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(stage.GatewayAddress.ToString());
        await WaitUntilAsync(page, "signed-out");

        await Field(page, "Access key").FillAsync("ak_nobody.not-a-secret");
        await Button(page, "Sign in").ClickAsync();

        var alert = page.Locator("#sign-in-error");
        await Assertions.Expect(alert).ToContainTextAsync("key: unknown or revoked key");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ClientCredential.SessionCookie);
    }
}
