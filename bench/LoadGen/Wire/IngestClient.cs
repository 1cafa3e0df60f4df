using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>POSTs event arrays to ingest over pooled keep-alive connections, and reads its 202 answer.</summary>
public sealed class IngestClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly Uri _events;
    private readonly Uri _alive;

    /// <param name="key">The ingest key sent as <c>Authorization: Bearer</c> (a player key for playback, a billing key for subscriptions, or the operator key).</param>
    public IngestClient(Uri ingest, int maxConnections, string key, string path = "/v1/events/playback")
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _events = new Uri(ingest, path);
        _alive = new Uri(ingest, "/alive");
    }

    public Uri Endpoint => _events;

    /// <summary>Throws <see cref="IngestUnreachableException"/> unless something answers HTTP at the ingest address.</summary>
    public async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await _http.GetAsync(_alive, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new IngestUnreachableException($"ingest is unreachable at {_alive.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
    }

    /// <summary>One attempt. Throws <see cref="HttpRequestException"/> when no answer came.</summary>
    public async Task<IngestResult> PostAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(_events, content, cancellationToken);
        var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return JsonSerializer.Deserialize(text, AnswerJsonContext.Default.IngestAnswer)!.ToResult();
        }
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var detail = System.Text.Encoding.UTF8.GetString(text.AsSpan(0, Math.Min(text.Length, 500)));
        return new IngestResult(response.StatusCode, 0, 0, retryAfter, detail);
    }

    /// <summary>
    /// Sends until ingest answers something other than 503, resending the same body (the same event ids, so a
    /// retry after a lost answer is deduplicated downstream). Connection failures are retried with backoff until
    /// <paramref name="giveUpAfter"/> has passed without any answer, then <see cref="IngestUnreachableException"/>.
    /// </summary>
    public async Task<IngestResult> PostUntilAnsweredAsync(
        ReadOnlyMemory<byte> body, TimeSpan giveUpAfter, Action<string>? onRetry, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var unanswered = DateTimeOffset.UtcNow;
        while (true)
        {
            TimeSpan wait;
            try
            {
                var result = await PostAsync(body, cancellationToken);
                if (!result.IsBusy)
                {
                    return result;
                }
                unanswered = DateTimeOffset.UtcNow;
                wait = result.RetryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
                onRetry?.Invoke($"ingest answered 503, retrying in {wait.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException e)
            {
                if (DateTimeOffset.UtcNow - unanswered > giveUpAfter)
                {
                    throw new IngestUnreachableException($"ingest at {_events} has not answered for {giveUpAfter.TotalSeconds:0} s: {e.Message}", e);
                }
                wait = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                onRetry?.Invoke($"ingest unreachable ({e.Message}), retrying in {wait.TotalSeconds:0.#} s");
            }
            await Task.Delay(wait, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();
}
