namespace Streaming.Sessionization.Tests;

/// <summary>
/// The definitions written as plainly as possible (all events known, sorted once, no window, no anchor), to check
/// the incremental timeline against. Deliberately shares no code with <see cref="KeyTimeline"/>.
/// </summary>
internal static class ReferenceModel
{
    public static Dictionary<BucketKey, BucketValue> Totals(IEnumerable<TimelineEvent> events, SessionRules rules)
    {
        var sorted = events
            .OrderBy(e => e.AtMs).ThenBy(e => (int)e.Kind).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        var totals = new Dictionary<BucketKey, BucketValue>();
        void Add(long at, TimelineEvent opener, long watched, int streams)
        {
            var key = new BucketKey(at - ((at % 900_000) + 900_000) % 900_000, opener.Marketplace, opener.Offer, opener.SeasonId);
            var v = totals.GetValueOrDefault(key);
            totals[key] = new BucketValue(v.WatchedMs + watched, v.Streams + streams);
        }

        TimelineEvent? opener = null;
        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            var newStream = i == 0 || e.Kind == PlaybackKind.Play || sorted[i - 1].Kind == PlaybackKind.Stop ||
                            e.AtMs - sorted[i - 1].AtMs > rules.InactivityTimeoutMs;
            if (newStream)
            {
                opener = e;
                Add(e.AtMs, e, 0, 1);
            }
            else if (sorted[i - 1] is { Kind: PlaybackKind.Play or PlaybackKind.Resume or PlaybackKind.Heartbeat } previous)
            {
                Add(previous.AtMs, opener!.Value, Math.Min(e.AtMs - previous.AtMs, rules.MaxGapMs), 0);
            }
        }
        return totals.Where(t => t.Value.WatchedMs != 0 || t.Value.Streams != 0).ToDictionary();
    }
}
