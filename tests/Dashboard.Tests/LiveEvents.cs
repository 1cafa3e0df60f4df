using static Streaming.TestSupport.WireEvents;

namespace Streaming.Dashboard.Tests;

/// <summary>
/// Events of today (UTC), a few minutes before <c>now</c>, for the live tiles; title dash-live (avod), channel dash-live.
/// <c>now</c> comes from <see cref="TodayClock"/>, so all of them fall on its date.
/// </summary>
public static class LiveEvents
{
    public const string Channel = "dash-live";

    /// <summary>First batch: L1 watches 30 s on tv (0.50 min, 1 stream); erin starts a trial. 2 playback, 1 subscription events.</summary>
    public static (List<JsonObject> Playback, List<JsonObject> Subscriptions) First(DateTimeOffset now)
    {
        var t = now.AddMinutes(-4);
        return (
            [Playback("l1", "play", t, "L1", "tv", "dash-live", "avod"), Playback("l2", "heartbeat", t.AddSeconds(30), "L1", "tv", "dash-live", "avod")],
            [Subscription("s-e1", "trial_started", Instant(t), "erin", Channel)]);
    }

    /// <summary>
    /// Second batch: L2 watches 60 s on a phone; erin converts, gina starts a trial. Today then has 30 + 60 s =
    /// 1.50 min, 2 streams, 2 trial starts and 1 paid conversion. 2 playback, 2 subscription events.
    /// </summary>
    public static (List<JsonObject> Playback, List<JsonObject> Subscriptions) Second(DateTimeOffset now)
    {
        var t = now.AddMinutes(-2);
        return (
            [Playback("l3", "play", t, "L2", "phone", "dash-live", "avod"), Playback("l4", "heartbeat", t.AddSeconds(60), "L2", "phone", "dash-live", "avod")],
            [Subscription("s-e2", "paid_started", Instant(t), "erin", Channel), Subscription("s-g1", "trial_started", Instant(t), "gina", Channel)]);
    }
}
