using System.Globalization;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Integration.Tests;

/// <summary>
/// Events posted to ingest come out of <c>GET /v1/live</c> as exact numbers, through the real broker, sessionization,
/// the subscription service and Redis. Every service reads one fake clock, held at T (the real time of the test, kept
/// five minutes off either midnight by <see cref="TodayClock"/>, so the events of the minute before T and the seconds
/// after it share a date), and moved by hand: a commit lands in T's second, and the gateway's next message, one second
/// on, counts it.
/// </summary>
public sealed class LiveEndToEndTests : IClassFixture<RealDependencies>
{
    private readonly RealDependencies _deps;
    private readonly FakeTimeProvider _clock = TodayClock.Create();
    private readonly DateTimeOffset _t;

    public LiveEndToEndTests(RealDependencies deps)
    {
        _deps = deps;
        _t = _clock.GetUtcNow();
    }

    private string Today => _t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The "at" of a message taken <paramref name="seconds"/> after T: T's whole second plus them.</summary>
    private string At(int seconds) => _t.AddMilliseconds(-500).AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string Occurred(double secondsFromT, TimeSpan? offset = null) =>
        _t.AddMilliseconds(-500).AddSeconds(secondsFromT).ToOffset(offset ?? TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private JsonObject Play(string id, string type, double secondsFromT, string customer, string device, string title) =>
        WireEvents.Playback(id, type, Occurred(secondsFromT), customer, device, title);

    /// <summary>Reads messages until the one taken at <paramref name="at"/> (a jump of the clock may tick more than once on the way).</summary>
    private static async Task<string> MessageAtAsync(LiveStream stream, string at)
    {
        while (true)
        {
            var message = await stream.NextAsync();
            if ((string?)JsonNode.Parse(message)!["at"] == at) return message;
        }
    }

    [Fact]
    public async Task Playing_now_today_and_the_events_of_the_last_second_for_a_title_and_for_all()
    {
        await using var pipeline = new Pipeline(_deps, "live-e2e", _clock);
        pipeline.StartSessionization();
        await using var title = await LiveStream.OpenAsync(pipeline.Gateway, "/v1/live?titleId=L");
        JsonAssert.Equal($$$"""
            {"at":"{{{At(0)}}}","titleIds":["L"],"channelId":null,"eventsPerSecond":0,"playingNow":0,
             "today":{"date":"{{{Today}}}","minutesStreamed":0.00,"uniqueStreams":0,"trialStarts":0,"paidConversions":0}}
            """, await title.NextAsync());

        // Title L: c1 on tv plays (latest: a heartbeat 20 s ago); c2 on web paused 10 s ago. Title M: c3 plays.
        // L: c1 watched 30 s, c2 20 + 20 s: 70 s = 1.1666… → 1.17 minutes, 2 streams; 5 events. M: 0 s, 1 stream.
        await pipeline.PostAsync(new[]
        {
            Play("l1", "play", -50, "c1", "tv", "L"), Play("l2", "heartbeat", -20, "c1", "tv", "L"),
            Play("l3", "play", -50, "c2", "web", "L"), Play("l4", "heartbeat", -30, "c2", "web", "L"), Play("l5", "pause", -10, "c2", "web", "L"),
            Play("m1", "play", -40, "c3", "tv", "M"),
        });
        await pipeline.WaitForProcessedAsync(6);
        // The sessionization commits were made at T, so they were filed under T's second, and the whole-second
        // hashes of the namespace hold them all: 5 of L, 6 in all.
        Assert.Equal((5, 6), await AppliedBySecondAsync(pipeline));

        _clock.Advance(TimeSpan.FromSeconds(1));
        JsonAssert.Equal($$$"""
            {"at":"{{{At(1)}}}","titleIds":["L"],"channelId":null,"eventsPerSecond":5,"playingNow":1,
             "today":{"date":"{{{Today}}}","minutesStreamed":1.17,"uniqueStreams":2,"trialStarts":0,"paidConversions":0}}
            """, await title.NextAsync());

        await using (var all = await LiveStream.OpenAsync(pipeline.Gateway, "/v1/live"))
        {
            JsonAssert.Equal($$$"""
                {"at":"{{{At(1)}}}","titleIds":[],"channelId":null,"eventsPerSecond":6,"playingNow":2,
                 "today":{"date":"{{{Today}}}","minutesStreamed":1.17,"uniqueStreams":3,"trialStarts":0,"paidConversions":0}}
                """, await all.NextAsync());
        }

        // Nothing was committed in the second after T.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (long)JsonNode.Parse(await title.NextAsync())!["eventsPerSecond"]!);

        // c1's heartbeat (20 s before T) plays until 100 s after T, exclusive: at T + 100 it no longer counts.
        _clock.Advance(TimeSpan.FromSeconds(97));
        Assert.Equal(1, (long)JsonNode.Parse(await MessageAtAsync(title, At(99)))!["playingNow"]!);
        _clock.Advance(TimeSpan.FromSeconds(1));
        JsonAssert.Equal($$$"""
            {"at":"{{{At(100)}}}","titleIds":["L"],"channelId":null,"eventsPerSecond":0,"playingNow":0,
             "today":{"date":"{{{Today}}}","minutesStreamed":1.17,"uniqueStreams":2,"trialStarts":0,"paidConversions":0}}
            """, await MessageAtAsync(title, At(100)));
    }

    /// <summary>The whole-second hashes of the pipeline's namespace, summed: (title L's field, the all field).</summary>
    private async Task<(long L, long All)> AppliedBySecondAsync(Pipeline pipeline)
    {
        var redis = _deps.Redis.GetDatabase();
        long l = 0, all = 0;
        for (var p = 0; p < Pipeline.Partitions; p++)
        {
            var key = LiveLayout.Second(pipeline.Namespace + ".", p, LiveLayout.SecondOf(_t.ToUnixTimeMilliseconds()));
            var values = await redis.HashGetAsync(key, [LiveLayout.TitleField("L"), LiveLayout.AllField]);
            l += (long?)values[0] ?? 0;
            all += (long?)values[1] ?? 0;
        }
        return (l, all);
    }

    [Fact]
    public async Task Trial_starts_and_paid_conversions_of_the_UTC_day_per_channel_and_for_all()
    {
        await using var subscriptions = new SubscriptionPipeline(_deps, new Pipeline(_deps, "live-subs", _clock));
        subscriptions.StartService();
        await using var sports = await LiveStream.OpenAsync(subscriptions.Pipeline.Gateway, "/v1/live?channelId=sports");
        JsonAssert.Equal($$$"""
            {"at":"{{{At(0)}}}","titleIds":[],"channelId":"sports","eventsPerSecond":0,"playingNow":0,
             "today":{"date":"{{{Today}}}","minutesStreamed":0.00,"uniqueStreams":0,"trialStarts":0,"paidConversions":0}}
            """, await sports.NextAsync());

        // alice's trial is today in UTC but, in her offset (−12:00 before noon UTC, +14:00 after), on another local
        // date; bob starts a trial and converts; carol pays without a trial (no conversion); dave's trial is on "kids".
        var elsewhere = _t.UtcDateTime.Hour < 12 ? TimeSpan.FromHours(-12) : TimeSpan.FromHours(14);
        await subscriptions.PostAsync(new[]
        {
            SubscriptionEvents.Sub("a1", "trial_started", Occurred(-40, elsewhere), "alice"),
            SubscriptionEvents.Sub("b1", "trial_started", Occurred(-30), "bob"),
            SubscriptionEvents.Sub("b2", "paid_started", Occurred(-20), "bob"),
            SubscriptionEvents.Sub("c1", "paid_started", Occurred(-10), "carol"),
            SubscriptionEvents.Sub("d1", "trial_started", Occurred(-15), "dave", channel: "kids"),
        });
        await subscriptions.WaitForProcessedAsync(5);

        _clock.Advance(TimeSpan.FromSeconds(1));
        JsonAssert.Equal($$$"""
            {"at":"{{{At(1)}}}","titleIds":[],"channelId":"sports","eventsPerSecond":0,"playingNow":0,
             "today":{"date":"{{{Today}}}","minutesStreamed":0.00,"uniqueStreams":0,"trialStarts":2,"paidConversions":1}}
            """, await sports.NextAsync());
        await using (var all = await LiveStream.OpenAsync(subscriptions.Pipeline.Gateway, "/v1/live"))
        {
            var today = JsonNode.Parse(await all.NextAsync())!["today"]!;
            Assert.Equal((3, 1), ((long)today["trialStarts"]!, (long)today["paidConversions"]!));
        }

        // The channel metrics count subscriber-local days: on today's date only bob's trial and conversion.
        var local = await subscriptions.GetAsync($"/v1/metrics/channels/sports?from={Today}&to={Today}&granularity=total");
        Assert.Equal((1, 1), ((long)local["totals"]!["trialStarts"]!, (long)local["totals"]!["paidConversions"]!));
    }
}
