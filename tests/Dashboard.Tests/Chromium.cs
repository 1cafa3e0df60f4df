using Microsoft.Playwright;

namespace Streaming.Dashboard.Tests;

/// <summary>
/// Chromium from the Debian package (installed by <c>infra/browser.sh</c>), driven by Playwright's .NET driver.
/// Playwright's own browser builds are never downloaded; without the Debian browser the tests fail and say so.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultPath;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The dashboard tests need Chromium at {ExecutablePath}, which is missing: run `bash infra/browser.sh` " +
                "(installs the Debian package; infra/test.sh runs it), or point CHROMIUM_PATH at another Chromium.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    /// <summary>A fresh context (no shared cookies or cache) in a fixed locale, so numbers read 1,234.50 everywhere.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
