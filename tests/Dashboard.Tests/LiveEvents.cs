using System.Globalization;
using static Streaming.Dashboard.Tests.DashboardEvents;

namespace Streaming.Dashboard.Tests;

/// <summary>
/// Events of today (UTC), a few minutes before <c>now</c>, for the live tiles; title dash-live (avod), channel dash-live.
/// </summary>
public static class LiveEvents
{
    public const string Channel = "dash-live";

    private static string At(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>First batch: L1 watches 30 s on tv (0.50 min, 1 stream); erin starts a trial. 2 playback, 1 subscription events.</summary>
    public static (List<Dictionary<string, object?>> Playback, List<Dictionary<string, object?>> Subscriptions) First(DateTimeOffset now)
    {
        var t = now.AddMinutes(-4);
        return (
            [Playback("l1", "play", At(t), "L1", "tv", "dash-live", "avod"), Playback("l2", "heartbeat", At(t.AddSeconds(30)), "L1", "tv", "dash-live", "avod")],
            [Subscription("s-e1", "trial_started", At(t), "erin", Channel)]);
    }

    /// <summary>
    /// Second batch: L2 watches 60 s on a phone; erin converts, gina starts a trial. Today then has 30 + 60 s =
    /// 1.50 min, 2 streams, 2 trial starts and 1 paid conversion. 2 playback, 2 subscription events.
    /// </summary>
    public static (List<Dictionary<string, object?>> Playback, List<Dictionary<string, object?>> Subscriptions) Second(DateTimeOffset now)
    {
        var t = now.AddMinutes(-2);
        return (
            [Playback("l3", "play", At(t), "L2", "phone", "dash-live", "avod"), Playback("l4", "heartbeat", At(t.AddSeconds(60)), "L2", "phone", "dash-live", "avod")],
            [Subscription("s-e2", "paid_started", At(t), "erin", Channel), Subscription("s-g1", "trial_started", At(t), "gina", Channel)]);
    }

    /// <summary>
    /// Waits, if need be, until now is at least 5 minutes after and 10 minutes before a UTC midnight, so both batches
    /// and the tiles that show them fall on the same "today".
    /// </summary>
    public static async Task<DateTimeOffset> SafelyInsideTodayAsync()
    {
        while (DateTimeOffset.UtcNow.TimeOfDay is var time && (time < TimeSpan.FromMinutes(5) || time > TimeSpan.FromMinutes(24 * 60 - 10)))
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        return DateTimeOffset.UtcNow;
    }
}
