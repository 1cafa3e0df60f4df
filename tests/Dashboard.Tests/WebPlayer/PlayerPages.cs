using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Streaming.Dashboard.Tests.WebPlayer;

/// <summary>
/// A distributor's web site: serves <c>player.html</c> on two loopback ports, so a browser sees two origins, neither
/// of them ingest's.
/// </summary>
public sealed class PlayerPages : IAsyncDisposable
{
    private readonly WebApplication _site;

    private PlayerPages(WebApplication site, string[] origins) => (_site, FirstOrigin, SecondOrigin) = (site, origins[0], origins[1]);

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>, as the browser writes it in the Origin header.</summary>
    public string FirstOrigin { get; }

    public string SecondOrigin { get; }

    public static async Task<PlayerPages> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Listen(IPAddress.Loopback, 0);
        });
        var site = builder.Build();
        var page = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WebPlayer", "player.html"));
        site.MapGet("/player.html", () => Results.Content(page, "text/html; charset=utf-8"));
        await site.StartAsync();
        return new PlayerPages(site, [.. site.Urls.Select(url => url.TrimEnd('/'))]);
    }

    /// <summary>The player page of <paramref name="origin"/> set up for one viewing (see the page's settings).</summary>
    public static string Address(string origin, Uri ingest, string key, DateTimeOffset start, string customerId, string titleId) =>
        $"{origin}/player.html?ingest={Uri.EscapeDataString(ingest.ToString().TrimEnd('/'))}&key={Uri.EscapeDataString(key)}" +
        $"&start={Uri.EscapeDataString(start.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}" +
        $"&customer={Uri.EscapeDataString(customerId)}&device=browser&title={Uri.EscapeDataString(titleId)}";

    public async ValueTask DisposeAsync()
    {
        await _site.StopAsync();
        await _site.DisposeAsync();
    }
}
