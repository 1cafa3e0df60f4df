using System.Collections.Concurrent;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// Sends generated requests and collects the ones whose answer was wrong, late or missing. The cases come from one
/// seed, HOSTILE_SEED when set (to replay a failure) and a fresh one otherwise; every failure names it.
/// </summary>
public static class HostileRun
{
    private const int Chunk = 50;

    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : (ulong)Random.Shared.NextInt64();

    /// <summary>
    /// Sends <paramref name="count"/> cases, <paramref name="parallel"/> at a time, each given <paramref name="limit"/>
    /// to be answered; <paramref name="send"/> gets a case and its number (unique in the run) and returns what was wrong.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SendAsync<TCase>(
        Gen<TCase> cases, int count, int parallel, TimeSpan limit, Func<TCase, int, CancellationToken, Task<string?>> send, Func<TCase, string> describe)
    {
        var failures = new ConcurrentQueue<string>();
        var gate = new Lock();
        var (next, chunk) = (-1, Array.Empty<TCase>());
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                TCase @case;
                int n;
                lock (gate)
                {
                    if ((n = ++next) >= count) return;
                    // Sampled a chunk at a time, once: a run holds a few bodies of up to a megabyte, not thousands.
                    if (n % Chunk == 0) chunk = cases.Sample(50, new Rnd(Seed + (ulong)(n / Chunk)), Chunk);
                    @case = chunk[n % Chunk];
                }
                var failure = await SendOneAsync(@case, n, limit, send);
                if (failure is not null)
                {
                    failures.Enqueue($"#{n} ({describe(@case)}): {failure}");
                }
            }
        })));
        return [.. failures.Select(f => $"seed {Seed}, {f}")];
    }

    private static async Task<string?> SendOneAsync<TCase>(TCase @case, int n, TimeSpan limit, Func<TCase, int, CancellationToken, Task<string?>> send)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            return await send(@case, n, timeout.Token).WaitAsync(limit);
        }
        catch (Exception e) when (e is TimeoutException || timeout.IsCancellationRequested)
        {
            return $"no answer within {limit.TotalSeconds} s";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
