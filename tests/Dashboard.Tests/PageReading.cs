using Microsoft.Playwright;

namespace Streaming.Dashboard.Tests;

/// <summary>Reads what the page shows, waiting (generously) for the asynchronous loads to finish.</summary>
public static class PageReading
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A table's body rows, each as its cell texts joined by " | ".</summary>
    public static Task<string[]> RowsAsync(IPage page, string tableSelector) =>
        page.EvalOnSelectorAsync<string[]>(tableSelector,
            "t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()).join(' | '))");

    /// <summary>The tooltips of a chart's bars and points, in drawing order.</summary>
    public static Task<string[]> ChartTitlesAsync(IPage page, string chartSelector) =>
        page.EvalOnSelectorAsync<string[]>(chartSelector, "c => [...c.querySelectorAll('rect title, circle title')].map(t => t.textContent)");

    /// <summary>Reads until the page shows <paramref name="expected"/>, then asserts it (the last reading shows in a failure).</summary>
    public static async Task ShowsAsync(string[] expected, Func<Task<string[]>> read) =>
        Assert.Equal(expected, await Eventually.UntilAsync(read, actual => actual.SequenceEqual(expected), $"the page to show [{string.Join(", ", expected)}]", Patience));

    public static Task ShowsRowsAsync(IPage page, string tableSelector, params string[] expected) =>
        ShowsAsync(expected, () => RowsAsync(page, tableSelector));

    public static Task HasTextAsync(IPage page, string selector, string expected) =>
        Assertions.Expect(page.Locator(selector)).ToHaveTextAsync(expected, new() { Timeout = (float)Patience.TotalMilliseconds });

    public static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    public static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Opens the dashboard, signs in through its form (the operator key unless another is given) and waits until its first loads are done.</summary>
    public static async Task OpenAsync(IPage page, Uri gateway, string key = TestTenancy.OperatorKey)
    {
        var response = await page.GotoAsync(gateway.ToString());
        Assert.Equal(200, response?.Status);
        await WaitUntilAsync(page, "signed-out");
        await Field(page, "Access key").FillAsync(key);
        await Button(page, "Sign in").ClickAsync();
        await WaitUntilAsync(page, "true");
    }

    /// <summary>Waits until the page says it is <c>signed-out</c> (showing the sign-in form) or ready (<c>true</c>).</summary>
    public static Task WaitUntilAsync(IPage page, string ready) =>
        page.WaitForSelectorAsync($"body[data-ready='{ready}']", new() { State = WaitForSelectorState.Attached, Timeout = (float)Patience.TotalMilliseconds });
}
