using Streaming.Gateway.Live;

namespace Streaming.Gateway.Tests.Live;

/// <summary>From the values read to the update: today's numbers are the performance aggregation of today's hashes.</summary>
public sealed class LiveSnapshotTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly LiveInstant At = new(DateTimeOffset.Parse("2026-11-27T05:00:01.300Z"));

    private static CounterHash Hash(DateOnly day, string? title, params (string Field, long Value)[] fields) =>
        new(day, title, fields.Select(f => KeyValuePair.Create(f.Field, f.Value)).ToList());

    [Fact]
    public void Today_sums_every_quarter_of_the_UTC_day_and_rounds_once()
    {
        // 90,000 + 45,001 ms = 135,001 ms = 2.2500166 min → 2.25; 1 + 2 streams. Yesterday's last quarter and a field
        // of another form do not count.
        var snapshot = new LiveSnapshot(12, 3,
            [
                Hash(Today, "a", ("0|prime|US|m", 90_000), ("0|prime|US|s", 1)),
                Hash(Today, "a", ("95|tvod|DE|m", 45_001), ("95|tvod|DE|s", 2), ("junk", 7)),
                Hash(Today.AddDays(-1), "a", ("95|prime|US|m", 60_000), ("95|prime|US|s", 1)),
            ], 2, 1);

        var update = snapshot.ToUpdate(new LiveQuery(["a"], "sports"), At);

        Assert.Equal(("2026-11-27T05:00:01Z", "sports", 12L, 3L), (update.At, update.ChannelId, update.EventsPerSecond, update.PlayingNow));
        Assert.Equal(["a"], update.TitleIds);
        Assert.Equal(new LiveToday(Today, 2.25m, 3, 2, 1), update.Today);
        Assert.Equal("2.25", update.Today.MinutesStreamed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Nothing_yet_today_is_zero_minutes_shown_with_two_decimals()
    {
        var update = new LiveSnapshot(0, 0, [], 0, 0).ToUpdate(new LiveQuery([], null), At);

        Assert.Equal("0.00", update.Today.MinutesStreamed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, update.Today.UniqueStreams);
    }
}
