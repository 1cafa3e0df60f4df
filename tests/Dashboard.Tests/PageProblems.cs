using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Streaming.Dashboard.Tests;

/// <summary>Everything that went wrong in a page: console errors, uncaught exceptions, failed and refused requests.</summary>
public sealed class PageProblems
{
    private readonly ConcurrentQueue<string> _problems = new();

    public PageProblems(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsSignedOutAnswer(message.Location, message.Text.Contains("401", StringComparison.Ordinal)))
            {
                _problems.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"uncaught: {error}");
        page.RequestFailed += (_, request) =>
        {
            // The page closes its event stream on purpose when the filters change; the browser calls that aborted.
            if (request.ResourceType == "eventsource" && request.Failure == "net::ERR_ABORTED") return;
            _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsSignedOutAnswer(response.Url, response.Status == 401)) _problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    /// <summary>The page asks <c>GET /v1/session</c> who is signed in; before sign-in the answer is 401, on purpose.</summary>
    /// <paramref name="url"/> is a response's address, or a console message's location (the address, ":line:column").
    private static bool IsSignedOutAnswer(string url, bool is401) =>
        is401 && System.Text.RegularExpressions.Regex.IsMatch(url, @"^https?://[^/]+/v1/session(:\d+:\d+)?$");

    public IReadOnlyList<string> All => [.. _problems];

    public void AssertNone() => Assert.True(_problems.IsEmpty, "the page had problems:\n" + string.Join("\n", _problems));
}
