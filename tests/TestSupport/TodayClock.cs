namespace Streaming.TestSupport;

/// <summary>
/// A fake clock for tests whose events and answers must share one UTC date, so none waits for the real clock to
/// leave a midnight behind. It starts at the real time (what Redis expires on its own clock keeps its meaning), moved
/// to at least <see cref="Margin"/> from either midnight when the real time is closer, and on the half second, so
/// every whole-second tick is half a second away.
/// </summary>
public static class TodayClock
{
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    public static FakeTimeProvider Create() => new(Within(DateTimeOffset.UtcNow));

    /// <summary>The instant the clock starts at, when the real time is <paramref name="now"/>.</summary>
    public static DateTimeOffset Within(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var second = new DateTimeOffset(now.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var earliest = day + Margin;
        var latest = day.AddDays(1) - Margin;
        return (second < earliest ? earliest : second > latest ? latest : second).AddMilliseconds(500);
    }
}
