using static Streaming.TestSupport.WireEvents;

namespace Streaming.Dashboard.Tests;

/// <summary>Playback and subscription events as players and billing post them, with the numbers they must give.</summary>
public static class DashboardEvents
{
    /// <summary>
    /// November 2026, all US:
    /// <code>
    /// dash-a  prime  c1 tv:    play 20th 10:00:00Z, heartbeats 10:00:30, 10:01:00, stop 10:01:30  → 90 s, 1 stream
    ///                c2 phone: play 10:00:00Z, heartbeat 10:02:00 (120 s, the maximum gap), pause 10:02:40 → 160 s, 1 stream
    /// dash-b  tvod   c3 web:   play 20th 23:30:00Z (00:30 on the 21st in Berlin), heartbeat 23:30:40, stop 23:31:10 → 70 s, 1 stream
    /// dash-e1 prime  c4 tv:    episode of season dash-s1, play 5th 10:00:00Z, heartbeat 10:00:30 → 30 s, 1 stream
    /// </code>
    /// 12 events. In Europe/Berlin, 20–21 November, titles dash-a and dash-b: the 20th 250 s = 4.1666… → 4.17 min and
    /// 2 streams (prime); the 21st 70 s = 1.1666… → 1.17 min and 1 stream (tvod); in all 320 s = 5.3333… → 5.33 min
    /// (rounded once from the exact sum: the rounded days add up to 5.34) and 3 streams.
    /// </summary>
    public static List<JsonObject> November() =>
    [
        Playback("a1", "play", "2026-11-20T10:00:00Z", "c1", "tv", "dash-a", "prime"),
        Playback("a2", "heartbeat", "2026-11-20T10:00:30Z", "c1", "tv", "dash-a", "prime"),
        Playback("a3", "heartbeat", "2026-11-20T10:01:00Z", "c1", "tv", "dash-a", "prime"),
        Playback("a4", "stop", "2026-11-20T10:01:30Z", "c1", "tv", "dash-a", "prime"),
        Playback("a5", "play", "2026-11-20T10:00:00Z", "c2", "phone", "dash-a", "prime"),
        Playback("a6", "heartbeat", "2026-11-20T10:02:00Z", "c2", "phone", "dash-a", "prime"),
        Playback("a7", "pause", "2026-11-20T10:02:40Z", "c2", "phone", "dash-a", "prime"),
        Playback("b1", "play", "2026-11-20T23:30:00Z", "c3", "web", "dash-b", "tvod"),
        Playback("b2", "heartbeat", "2026-11-20T23:30:40Z", "c3", "web", "dash-b", "tvod"),
        Playback("b3", "stop", "2026-11-20T23:31:10Z", "c3", "web", "dash-b", "tvod"),
        Playback("e1", "play", "2026-11-05T10:00:00Z", "c4", "tv", "dash-e1", "prime", season: "dash-s1"),
        Playback("e2", "heartbeat", "2026-11-05T10:00:30Z", "c4", "tv", "dash-e1", "prime", season: "dash-s1"),
    ];

    /// <summary>
    /// The prime units of <see cref="November"/> in the US, N = 2. dash-a: 2 customers, 250 s = 4.17 min, 0.0694 h → 0.07,
    /// CER 100 (beats the only other unit), 0.10 USD/h × 0.0694 h = 0.0069 → 0.01. dash-s1: 1 customer, 30 s = 0.50 min,
    /// 0.0083 h → 0.01, CER 0, 0.04 USD/h × 0.0083 h = 0.0003 → 0.00. The tvod title is not ranked.
    /// </summary>
    public const string NovemberUs = """
        {"month":"2026-11","territory":"US","final":false,"lateFactsIgnored":0,"units":[
         {"unitId":"dash-a","kind":"title","cer":100,"distinctCustomers":2,"minutesStreamed":4.17,"hoursStreamed":0.07,"estimatedRoyalty":0.01,"currency":"USD"},
         {"unitId":"dash-s1","kind":"season","cer":0,"distinctCustomers":1,"minutesStreamed":0.50,"hoursStreamed":0.01,"estimatedRoyalty":0.00,"currency":"USD"}]}
        """;

    /// <summary>The earnings rows of <see cref="November"/>: dash-b's 70 s are 0.0194 h → 0.02, with no CER and no royalty (tvod).</summary>
    public const string NovemberEarnings =
        "\uFEFFMonth,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency\r\n" +
        "2026-11,US,dash-a,prime,2,0.07,100,0.01,USD\r\n" +
        "2026-11,US,dash-b,tvod,1,0.02,,,\r\n" +
        "2026-11,US,dash-s1,prime,1,0.01,0,0.00,USD\r\n";

    /// <summary>
    /// Channel dash-sports, each subscriber in local time (7 events):
    /// <code>
    /// alice (−08:00) trial 20th 09:00, converts 21st 08:00          → trial start 20th, conversion 21st
    /// bob   (+01:00) trial 21st 00:30 (23:30Z on the 20th), cancels 21st 10:00 → trial start and trial cancellation 21st
    /// carol (Z)      paid start 20th 12:00 (no trial: not a conversion) → active paid from the 20th
    /// dave  (Z)      cancels 20th 10:00 with nothing to cancel       → rejected, counts nothing
    /// frank (Z)      trial 21st 15:00                                → trial start 21st
    /// </code>
    /// 20–21 November by day: trial starts 1, 2; conversions 0, 1; cancellations 0, 1; active trial at the end of the
    /// day 1 (alice), 1 (frank); active paid 1 (carol), 2 (carol, alice). Totals 3 trial starts, 1 conversion,
    /// 1 cancellation; conversion rate 1 ÷ (1 + 1) = 50.00%; now 1 in trial and 2 paying.
    /// </summary>
    public static List<JsonObject> Sports() =>
    [
        Subscription("s-a1", "trial_started", "2026-11-20T09:00:00-08:00", "alice", "dash-sports"),
        Subscription("s-a2", "paid_started", "2026-11-21T08:00:00-08:00", "alice", "dash-sports"),
        Subscription("s-b1", "trial_started", "2026-11-21T00:30:00+01:00", "bob", "dash-sports"),
        Subscription("s-b2", "cancelled", "2026-11-21T10:00:00+01:00", "bob", "dash-sports"),
        Subscription("s-c1", "paid_started", "2026-11-20T12:00:00Z", "carol", "dash-sports"),
        Subscription("s-d1", "cancelled", "2026-11-20T10:00:00Z", "dave", "dash-sports"),
        Subscription("s-f1", "trial_started", "2026-11-21T15:00:00Z", "frank", "dash-sports"),
    ];
}
