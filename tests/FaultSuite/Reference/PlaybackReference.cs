using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite.Reference;

/// <summary>One cell of the performance counters: a title, offer and marketplace in one UTC hour.</summary>
public readonly record struct PerformanceCell(string TitleId, string Offer, string Marketplace, DateTimeOffset Hour);

/// <summary>A CER ranking unit in one month and territory (prime only).</summary>
public readonly record struct EngagementCell(string Month, string Territory, string UnitId, string Kind);

/// <summary>
/// What the gateway must report for the playback events sent, worked out from docs/metrics.md alone (Unique streams,
/// Minutes streamed, Attribution, Customer Engagement Ranking) with the default settings: inactivity timeout 60 min,
/// maximum gap 120 s. Every key's events lie within the allowed lateness of each other, so none is late.
/// </summary>
public sealed class PlaybackReference
{
    private static readonly TimeSpan InactivityTimeout = TimeSpan.FromMinutes(60);
    private const long MaxGapMs = 120_000;

    public Dictionary<PerformanceCell, (long Ms, long Streams)> Performance { get; } = [];
    public Dictionary<EngagementCell, (long Ms, HashSet<string> Customers)> Engagement { get; } = [];

    public PlaybackReference(IEnumerable<PlaybackEvent> sent)
    {
        // A repeated eventId changes nothing: each event once.
        var unique = sent.DistinctBy(e => e.EventId);
        foreach (var key in unique.GroupBy(e => (e.CustomerId, e.DeviceId, e.TitleId)))
        {
            Replay(key.OrderBy(e => e.OccurredAt).ThenBy(e => TypeOrder(e.Type)).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>Events at one instant: play, resume, heartbeat, pause, stop.</summary>
    private static int TypeOrder(string type) => type switch
    {
        "play" => 0, "resume" => 1, "heartbeat" => 2, "pause" => 3, "stop" => 4,
        _ => throw new ArgumentException($"unknown type {type}"),
    };

    private void Replay(List<PlaybackEvent> timeline)
    {
        PlaybackEvent? opening = null;
        PlaybackEvent? previous = null;
        foreach (var e in timeline)
        {
            var opens = previous is null || e.Type == "play" || previous.Type == "stop" ||
                        e.OccurredAt - previous.OccurredAt > InactivityTimeout;
            if (opens)
            {
                // A stream counts in the hour of its opening event, with that event's offer, marketplace and season.
                opening = e;
                AddPerformance(opening, Hour(e.OccurredAt), 0, 1);
                if (e.Offer == "prime")
                {
                    Engaged(opening, Hour(e.OccurredAt)).Customers.Add(e.CustomerId);
                }
            }
            else if (previous!.Type is "play" or "resume" or "heartbeat")
            {
                // Watched time of a pair counts in the hour its interval starts, capped at the maximum gap.
                var ms = Math.Min((long)(e.OccurredAt - previous.OccurredAt).TotalMilliseconds, MaxGapMs);
                AddPerformance(opening!, Hour(previous.OccurredAt), ms, 0);
                if (opening!.Offer == "prime")
                {
                    var hour = Hour(previous.OccurredAt);
                    var cell = Engaged(opening, hour);
                    Engagement[Key(opening, hour)] = (cell.Ms + ms, cell.Customers);
                }
            }
            previous = e;
        }
    }

    private void AddPerformance(PlaybackEvent opening, DateTimeOffset hour, long ms, long streams)
    {
        var cell = new PerformanceCell(opening.TitleId, opening.Offer, opening.Marketplace, hour);
        var (m, s) = Performance.GetValueOrDefault(cell);
        Performance[cell] = (m + ms, s + streams);
    }

    private (long Ms, HashSet<string> Customers) Engaged(PlaybackEvent opening, DateTimeOffset hour)
    {
        var key = Key(opening, hour);
        if (!Engagement.TryGetValue(key, out var cell))
        {
            Engagement[key] = cell = (0, []);
        }
        return cell;
    }

    /// <summary>The unit is the season for episodic content, otherwise the title; the month is the UTC month of the hour.</summary>
    private static EngagementCell Key(PlaybackEvent opening, DateTimeOffset hour) =>
        new(hour.ToString("yyyy-MM"), opening.Marketplace, opening.SeasonId ?? opening.TitleId, opening.SeasonId is null ? "title" : "season");

    public static DateTimeOffset Hour(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>Minutes with two decimals, half away from zero, from the exact milliseconds.</summary>
    public static decimal Minutes(long ms) => Math.Round(ms / 60_000m, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// CER per docs/metrics.md: units ranked by (distinct customers, minutes); CER = floor(100 × B / (N − 1)), B the
    /// other units with a strictly lower score; N = 1 gives 100. Null outside the CER territories.
    /// </summary>
    public Dictionary<EngagementCell, int?> Cer(IReadOnlySet<string> cerTerritories)
    {
        var result = new Dictionary<EngagementCell, int?>();
        foreach (var group in Engagement.Where(c => c.Value.Customers.Count > 0 || c.Value.Ms > 0)
                     .GroupBy(c => (c.Key.Month, c.Key.Territory)))
        {
            var units = group.ToList();
            foreach (var unit in units)
            {
                int? cer = null;
                if (cerTerritories.Contains(group.Key.Territory))
                {
                    var lower = units.Count(o => o.Value.Customers.Count < unit.Value.Customers.Count ||
                                                 (o.Value.Customers.Count == unit.Value.Customers.Count && o.Value.Ms < unit.Value.Ms));
                    cer = units.Count == 1 ? 100 : 100 * lower / (units.Count - 1);
                }
                result[unit.Key] = cer;
            }
        }
        return result;
    }
}
