using System.Net;
using System.Net.Http.Headers;

namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// <see cref="Count"/> open <c>GET /v1/live</c> streams (every title, every channel: one filter set, so the gateway
/// shares one reader among them), each on its own connection and read to the end of every message, as a dashboard
/// would. <see cref="Messages"/> counts the messages all of them received.
/// </summary>
public sealed class LiveListeners : IAsyncDisposable
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _reading = [];
    private long _messages;
    private int _firstMessages;

    private LiveListeners(Uri gateway, string key, int count)
    {
        Count = count;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
        {
            BaseAddress = gateway,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        };
    }

    public int Count { get; }
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Streams still being read (the others were closed by the gateway).</summary>
    public int Open => _reading.Count(t => !t.IsCompleted);

    /// <summary>Opens the streams, 50 at a time, and returns once every one has received its first message.</summary>
    public static async Task<LiveListeners> OpenAsync(Uri gateway, string key, int count, CancellationToken cancellationToken)
    {
        var listeners = new LiveListeners(gateway, key, count);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(OpenTimeout);
            for (var first = 0; first < count; first += 50)
            {
                var opening = Enumerable.Range(first, Math.Min(50, count - first)).Select(_ => listeners.OpenOneAsync(deadline.Token)).ToList();
                listeners._reading.AddRange(await Task.WhenAll(opening));
            }
            while (Volatile.Read(ref listeners._firstMessages) < count)
            {
                await Task.Delay(50, deadline.Token);
            }
            return listeners;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await listeners.DisposeAsync();
            throw new BenchAbortedException($"{count:N0} live streams did not all open and send a first message within {OpenTimeout.TotalSeconds:N0} s");
        }
        catch
        {
            await listeners.DisposeAsync();
            throw;
        }
    }

    private async Task<Task> OpenOneAsync(CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync("/v1/live", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new BenchAbortedException($"the gateway answered {(int)response.StatusCode} to GET /v1/live: {body}" +
                (response.StatusCode == HttpStatusCode.TooManyRequests ? $" (start the gateway with Gateway__LiveStreamsPerKey of at least {Count}; bench/run.sh does)" : ""));
        }
        return Task.Run(() => ReadAsync(response), CancellationToken.None);
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using var _ = response;
        var first = true;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            // A Server-Sent Events message ends with an empty line.
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length != 0) continue;
                Interlocked.Increment(ref _messages);
                if (first)
                {
                    first = false;
                    Interlocked.Increment(ref _firstMessages);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by DisposeAsync, or by the gateway stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_reading);
        _http.Dispose();
        _stop.Dispose();
    }
}
