using System.Diagnostics;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>One GET to the gateway, timed from sending the request to the last byte of the answer.</summary>
public static class TimedQuery
{
    /// <summary>The answer's body and how long it took; <see cref="BenchAbortedException"/> unless the status is a success.</summary>
    public static async Task<(byte[] Body, double Milliseconds)> GetAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchAbortedException($"the gateway answered {(int)response.StatusCode} to {url}");
        }
        return (body, elapsed);
    }
}
