namespace Streaming.Integration.Tests;

/// <summary>Playback events as a player posts them, at second offsets from a fixed day (2026-11-20T10:00:00Z).</summary>
public static class Events
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-20T10:00:00Z");

    public static JsonObject Ev(
        string id, string type, double seconds, string customer = "c1", string device = "tv", string title = "A",
        string offer = "prime", string marketplace = "US") =>
        WireEvents.Playback(id, type, T0.AddSeconds(seconds), customer, device, title, offer, marketplace);

    /// <summary>
    /// Title A: customer c1 watches on web, then phone, then TV: three streams; 60 + 30 + 30 s = 2.00 minutes.
    /// Title B: customer c2 on TV: play, a heartbeat 300 s later (120 s, capped), pause after 60 s (60 s), resume
    /// 14 min later (paused: 0), stop after 45 s (45 s): one stream, 225 s = 3.75 minutes.
    /// </summary>
    public static List<JsonObject> TwoTitles() =>
    [
        Ev("a1", "play", 0, device: "web"), Ev("a2", "heartbeat", 30, device: "web"), Ev("a3", "heartbeat", 60, device: "web"),
        Ev("a4", "resume", 90, device: "phone"), Ev("a5", "heartbeat", 120, device: "phone"),
        Ev("a6", "resume", 150, device: "tv"), Ev("a7", "heartbeat", 180, device: "tv"),
        Ev("b1", "play", 0, customer: "c2", title: "B"), Ev("b2", "heartbeat", 300, customer: "c2", title: "B"),
        Ev("b3", "pause", 360, customer: "c2", title: "B"), Ev("b4", "resume", 1200, customer: "c2", title: "B"),
        Ev("b5", "stop", 1245, customer: "c2", title: "B"),
    ];

    public const string TwoTitlesQuery = "from=2026-11-20&to=2026-11-20&granularity=total&titleId=A&titleId=B&groupBy=title";
}
