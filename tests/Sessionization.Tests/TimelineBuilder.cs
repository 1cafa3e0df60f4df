namespace Streaming.Sessionization.Tests;

/// <summary>Events of one stream key at second offsets from 2026-11-02T10:00:00Z (a quarter-hour start).</summary>
internal static class At
{
    public static readonly long T0 = DateTimeOffset.Parse("2026-11-02T10:00:00Z").ToUnixTimeMilliseconds();

    private static int _ids;

    public static TimelineEvent Ev(PlaybackKind kind, double seconds, string? id = null, string offer = "prime", string marketplace = "US", string? season = null) =>
        new(id ?? $"e{Interlocked.Increment(ref _ids)}", kind, T0 + (long)(seconds * 1000), marketplace, offer, season);

    public static TimelineEvent Play(double s, string? id = null, string offer = "prime") => Ev(PlaybackKind.Play, s, id, offer);
    public static TimelineEvent Heartbeat(double s, string? id = null, string offer = "prime") => Ev(PlaybackKind.Heartbeat, s, id, offer);
    public static TimelineEvent Pause(double s, string? id = null) => Ev(PlaybackKind.Pause, s, id);
    public static TimelineEvent Resume(double s, string? id = null) => Ev(PlaybackKind.Resume, s, id);
    public static TimelineEvent Stop(double s, string? id = null) => Ev(PlaybackKind.Stop, s, id);

    public static long Quarter(int index) => T0 + index * Contribution.QuarterMs;

    /// <summary>Applies the events as one batch to a new timeline and returns the change (= the totals).</summary>
    public static Contribution Apply(SessionRules rules, params TimelineEvent[] events) => new KeyTimeline().Apply(events, rules).Delta;
}
