using System.Net.ServerSentEvents;

namespace Streaming.TestSupport;

/// <summary>An open <c>GET /v1/live</c> stream, read message by message (each a 'live' event with one line of JSON).</summary>
public sealed class LiveStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> messages) : IAsyncDisposable
{
    public HttpResponseMessage Response => response;

    public static async Task<LiveStream> OpenAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync();
        return new LiveStream(response, SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator());
    }

    /// <summary>The next message's data.</summary>
    public async Task<string> NextAsync()
    {
        // A guard against a hang, not a timing assertion.
        Assert.True(await messages.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)), "the stream ended");
        Assert.Equal("live", messages.Current.EventType);
        Assert.DoesNotContain('\n', messages.Current.Data);
        return messages.Current.Data;
    }

    public async ValueTask DisposeAsync()
    {
        await messages.DisposeAsync();
        response.Dispose();
    }
}
