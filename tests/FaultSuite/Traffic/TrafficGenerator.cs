using System.Text.Json;

namespace Streaming.FaultSuite.Traffic;

/// <summary>
/// The suite's traffic, from one seed: viewers (customer × device × title) streaming with play, heartbeats, pauses,
/// resumes, stops and second plays, and subscribers moving through trials, conversions and cancellations. Every key's
/// events lie within 55 minutes of event time, under the 60-minute allowed lateness, so any arrival order counts; the
/// send order is event time shuffled by up to 5 minutes, and about 5 % of events are sent twice (same eventId).
/// </summary>
public sealed class TrafficGenerator(int seed, DateTimeOffset windowStart)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Marketplaces = ["US", "GB", "DE", "JP", "FR", "CA"];
    private static readonly string[] Channels = ["sports", "kids", "cinema"];
    private static readonly string[] Devices = ["tv", "web", "phone"];
    private static readonly TimeSpan[] Offsets =
        [TimeSpan.FromHours(-8), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(1), new(5, 30, 0), TimeSpan.FromHours(9), TimeSpan.FromHours(13)];

    /// <summary>Titles with the season they belong to (null: a film, ranked as itself).</summary>
    private static readonly (string Title, string? Season)[] Titles =
    [
        ("movie-01", null), ("movie-02", null), ("movie-03", null), ("movie-04", null), ("movie-05", null),
        ("movie-06", null), ("show-a-e1", "show-a-s1"), ("show-a-e2", "show-a-s1"), ("show-b-e1", "show-b-s1"),
        ("show-b-e2", "show-b-s1"), ("show-b-e3", "show-b-s1"), ("show-b-s2-e1", "show-b-s2"),
    ];

    private readonly Random random = new(seed);

    public List<PlaybackEvent> Playback(int viewers, int customers)
    {
        var events = new List<PlaybackEvent>();
        var keys = new HashSet<(int, string, int)>();
        for (var v = 0; keys.Count < viewers; v++)
        {
            var customer = random.Next(customers);
            var device = Devices[random.Next(Devices.Length)];
            var title = random.Next(Titles.Length);
            if (!keys.Add((customer, device, title)))
            {
                continue;
            }
            var customerId = $"c{customer:D3}";
            var marketplace = Marketplaces[customer % Marketplaces.Length]; // a customer's home marketplace
            var offer = random.Next(20) switch { < 10 => "prime", < 14 => "tvod", < 17 => "avod", _ => "channel" };
            var channelId = offer == "channel" ? Channels[random.Next(Channels.Length)] : null;
            var (titleId, seasonId) = Titles[title];
            var n = 0;
            PlaybackEvent Make(string type, DateTimeOffset at) =>
                new($"p{v:D4}-{n++:D3}", type, at, customerId, device, titleId, seasonId, marketplace, offer, channelId);
            Viewing(windowStart.AddMilliseconds(random.Next(100 * 60_000)), Make, events);
        }
        return events;
    }

    /// <summary>One key's events: one or two streams inside 55 minutes (starting in the first 100 of the window's 180).</summary>
    private void Viewing(DateTimeOffset start, Func<string, DateTimeOffset, PlaybackEvent> make, List<PlaybackEvent> into)
    {
        var end = start.AddMinutes(55);
        var at = start;
        var streams = random.Next(4) == 0 ? 2 : 1;
        for (var s = 0; s < streams && at < end; s++)
        {
            // Most streams open with play; some keys start with a resume or a heartbeat (the first event opens anyway).
            into.Add(make(s == 0 && random.Next(10) == 0 ? "resume" : "play", at));
            var beats = 4 + random.Next(30);
            for (var b = 0; b < beats; b++)
            {
                // Heartbeats ~30 s apart; now and then a longer gap that the 120-s maximum caps.
                at = at.AddMilliseconds(random.Next(15) == 0 ? 150_000 + random.Next(60_000) : 29_000 + random.Next(2_000));
                if (at >= end) break;
                if (random.Next(25) == 0)
                {
                    into.Add(make("pause", at));
                    at = at.AddMilliseconds(30_000 + random.Next(240_000));
                    if (at >= end) break;
                    into.Add(make("resume", at));
                }
                else
                {
                    into.Add(make("heartbeat", at));
                }
            }
            at = at.AddMilliseconds(1_000 + random.Next(20_000));
            // Most streams end with stop; some just go silent; a few are interrupted by a second Play click.
            if (at < end && random.Next(5) != 0)
            {
                into.Add(make(random.Next(8) == 0 ? "play" : "stop", at));
            }
            at = at.AddMinutes(1 + random.Next(10));
        }
    }

    public List<SubscriptionEvent> Subscriptions(int subscribers)
    {
        var events = new List<SubscriptionEvent>();
        for (var s = 0; s < subscribers; s++)
        {
            var customerId = $"s{s:D3}";
            var channelId = Channels[s % Channels.Length];
            var marketplace = Marketplaces[random.Next(Marketplaces.Length)];
            var offset = Offsets[random.Next(Offsets.Length)];
            // Each story in time order; rejected transitions (a cancel without a subscription, a second trial) included.
            string[] story = random.Next(10) switch
            {
                0 => ["trial_started"],
                1 => ["trial_started", "paid_started"],
                2 => ["trial_started", "cancelled"],
                3 => ["trial_started", "paid_started", "cancelled"],
                4 => ["paid_started", "cancelled"],
                5 => ["paid_started"],
                6 => ["cancelled"],
                7 => ["trial_started", "trial_started", "paid_started"],
                8 => ["trial_started", "cancelled", "trial_started"],
                _ => ["trial_started", "paid_started"],
            };
            // At most three events, 1 to 30 minutes apart, from a start in the first two hours: all inside the
            // three-hour window, so never in ingest's future whatever minute of the hour the suite starts in.
            var at = windowStart.AddMilliseconds(random.Next(120 * 60_000));
            for (var i = 0; i < story.Length; i++)
            {
                events.Add(new($"b{s:D3}-{i}", story[i], at.ToOffset(offset), customerId, channelId, marketplace));
                at = at.AddMilliseconds(60_000 + random.Next(29 * 60_000));
            }
        }
        return events;
    }

    /// <summary>
    /// The events in send order (event time shuffled by up to 5 minutes, about 5 % sent twice, the copy up to 10
    /// minutes later), cut into batches of 20 to 200.
    /// </summary>
    public List<Batch> Batches<T>(IReadOnlyList<T> events, Func<T, string> id, Func<T, DateTimeOffset> at, string route)
    {
        var sends = new List<(long Order, T Event)>();
        foreach (var e in events)
        {
            var t = at(e).ToUnixTimeMilliseconds();
            sends.Add((t + random.Next(300_000), e));
            if (random.Next(20) == 0)
            {
                sends.Add((t + random.Next(600_000), e));
            }
        }
        sends.Sort((a, b) => a.Order.CompareTo(b.Order));
        var batches = new List<Batch>();
        for (var i = 0; i < sends.Count;)
        {
            var size = Math.Min(20 + random.Next(181), sends.Count - i);
            var slice = sends.GetRange(i, size).Select(s => s.Event).ToList();
            batches.Add(new(route, slice.Select(id).ToList(), JsonSerializer.SerializeToUtf8Bytes(slice, Json)));
            i += size;
        }
        return batches;
    }
}
