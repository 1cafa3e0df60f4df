using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite.Reference;

/// <summary>
/// The worked examples of docs/metrics.md run through the reference model before every suite run, so a model that
/// drifted from the definitions fails at once rather than agreeing with a service that drifted the same way.
/// </summary>
public static class DocumentedExamples
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The differences from the documented numbers; empty when the model gives every one.</summary>
    public static List<string> Check()
    {
        var failures = new List<string>();
        // "Examples (times in seconds after the first event, default settings)": events, streams, watched seconds.
        (string Events, long Streams, double Seconds)[] playback =
        [
            ("web:play 0, web:heartbeat 30, web:heartbeat 60, phone:resume 90, phone:heartbeat 120, tv:resume 150, tv:heartbeat 180", 3, 120),
            ("play 0, heartbeat 30, pause 60, resume 600, heartbeat 630, stop 660", 1, 120),
            ("play 0, heartbeat 300, heartbeat 420, heartbeat 450", 1, 270),
            ("play 0, heartbeat 30, heartbeat 3630, heartbeat 7230.001, heartbeat 7260.001", 2, 180),
            ("play 0, heartbeat 30, stop 60, heartbeat 90, heartbeat 120", 2, 90),
            ("play 0, heartbeat 30, play 50, heartbeat 80", 2, 60),
            ("play 0, heartbeat 30, stop 60, play 60, heartbeat 90", 3, 30),
            ("play 0, heartbeat 300, pause 360, resume 1200, stop 1245", 1, 225),
        ];
        foreach (var (text, streams, seconds) in playback)
        {
            var events = text.Split(", ").Select((e, i) =>
            {
                var parts = e.Split(' ');
                var (device, type) = parts[0].Contains(':') ? (parts[0].Split(':')[0], parts[0].Split(':')[1]) : ("tv", parts[0]);
                return new PlaybackEvent($"e{i:D2}", type, T0.AddTicks((long)Math.Round(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1000) * TimeSpan.TicksPerMillisecond),
                    "c1", device, "movie-1", null, "US", "prime", null);
            }).ToList();
            var model = new PlaybackReference(events);
            var (ms, s) = (model.Performance.Values.Sum(c => c.Ms), model.Performance.Values.Sum(c => c.Streams));
            if (s != streams || ms != (long)(seconds * 1000))
            {
                failures.Add($"playback example '{text}': model {s} streams, {ms / 1000.0} s; docs {streams}, {seconds} s");
            }
        }

        // "Worked example" of channel metrics: channel sports, 1 to 9 March.
        var sports = new ChannelReference(
        [
            new("a1", "trial_started", new(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(-8)), "alice", "sports", "US"),
            new("a2", "paid_started", new(2026, 3, 8, 8, 0, 0, TimeSpan.FromHours(-8)), "alice", "sports", "US"),
            new("b1", "trial_started", new(2026, 3, 3, 0, 30, 0, TimeSpan.FromHours(1)), "bob", "sports", "DE"),
            new("b2", "cancelled", new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(1)), "bob", "sports", "DE"),
            new("c1", "paid_started", new(2026, 3, 3, 12, 0, 0, TimeSpan.Zero), "carol", "sports", "GB"),
            new("c2", "cancelled", new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), "carol", "sports", "GB"),
            new("d1", "cancelled", new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), "dave", "sports", "GB"),
        ]).Channels["sports"];
        long trial = 0, paid = 0;
        var activeTrial = new List<long>();
        var activePaid = new List<long>();
        for (var day = new DateOnly(2026, 3, 1); day <= new DateOnly(2026, 3, 9); day = day.AddDays(1))
        {
            var counts = sports.GetValueOrDefault(day) ?? new ChannelDay();
            activeTrial.Add(trial += counts.TrialChange);
            activePaid.Add(paid += counts.PaidChange);
        }
        var totals = (sports.Values.Sum(d => d.TrialStarts), sports.Values.Sum(d => d.PaidConversions),
            sports.Values.Sum(d => d.TrialCancellations), sports.Values.Sum(d => d.PaidCancellations),
            ChannelReference.ConversionRate(sports.Values.Sum(d => d.PaidConversions), sports.Values.Sum(d => d.TrialCancellations)));
        if (string.Join(",", activeTrial) != "1,1,2,2,1,1,1,0,0" || string.Join(",", activePaid) != "0,0,1,1,1,1,1,2,1" ||
            totals != (2, 1, 1, 1, 0.5m))
        {
            failures.Add($"channel example: model active trial {string.Join(",", activeTrial)}, active paid {string.Join(",", activePaid)}, totals {totals}; " +
                         "docs 1,1,2,2,1,1,1,0,0 and 0,0,1,1,1,1,1,2,1, (2, 1, 1, 1, 0.5)");
        }

        // "CER" table: D 5 customers, A and B 3 (tied), C 2 with the most minutes, E 1: 100, 50, 50, 25, 0.
        var ranking = new List<PlaybackEvent>();
        void Viewers(string unit, int customers, int seconds)
        {
            for (var c = 0; c < customers; c++)
            {
                ranking.Add(new($"{unit}{c}p", "play", T0, $"{unit}-c{c}", "tv", unit, null, "US", "prime", null));
                ranking.Add(new($"{unit}{c}h", "heartbeat", T0.AddSeconds(c == 0 ? seconds : 0.6), $"{unit}-c{c}", "tv", unit, null, "US", "prime", null));
            }
        }
        Viewers("D", 5, 1); Viewers("A", 3, 1); Viewers("B", 3, 1); Viewers("C", 2, 120); Viewers("E", 1, 0);
        var cer = new PlaybackReference(ranking).Cer(new HashSet<string> { "US" }).ToDictionary(c => c.Key.UnitId, c => c.Value);
        var got = string.Join(",", new[] { "D", "A", "B", "C", "E" }.Select(u => cer[u]));
        if (got != "100,50,50,25,0")
        {
            failures.Add($"CER example: model {got}; docs 100,50,50,25,0");
        }
        return failures;
    }
}
