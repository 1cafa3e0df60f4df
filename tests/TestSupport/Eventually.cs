using System.Collections;
using System.Diagnostics;

namespace Streaming.TestSupport;

/// <summary>
/// Waits for what the services do asynchronously (a consumer's commit, a host getting ready, a page update): reads
/// again until the value is the one awaited, and fails naming what was awaited and the last value seen. The only
/// deadline loop of the tests; the timeout is a guard against a hang, never a measurement.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds for the value read, and returns that value.</summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        PollAsync(read, done, what, timeout, value => Describe(value));

    /// <summary>Checks until <paramref name="condition"/> holds; <paramref name="seen"/> describes the state in a failure.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? seen = null) =>
        PollAsync(condition, holds => holds, what, timeout, _ => seen?.Invoke() ?? "false");

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? seen = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, seen);

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout, Func<T, string> describe)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed >= limit)
            {
                Assert.Fail($"Waited {limit.TotalSeconds:0.#} s for {what}; the last value seen was {describe(value)}.");
            }
            await Task.Delay(Interval);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };
}
