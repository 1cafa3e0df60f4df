using System.Diagnostics.Metrics;
using StackExchange.Redis;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Live;

/// <summary>
/// <c>GET /v1/live</c> over HTTP against real Redis, on a fake clock that starts at 2026-11-27T05:00:00.400Z (so the
/// first message is at 05:00:00Z and counts the second 04:59:59). Each test writes, by hand and in the writers'
/// layouts, over the gateway's two partitions:
/// <code>
/// applied in 04:59:59   p0: all 5, a 3, b 2    p1: all 7, a 7        (in 05:00:00: p0 all 4, a 4)
/// playing until         p0: c1 tv a 05:00:30, c2 web a 05:00:00.900, c3 x b 05:00:00.000    p1: c4 tv a 05:01:00
/// today's counters      a: 00:00Z prime/US 90,000 ms 1 stream (p0), 05:00Z tvod/DE 45,000 ms 2 streams (p1);
///                       b: 01:00Z avod/US 600,000 ms 1 stream (p1); yesterday, a: 23:45Z 60,000 ms 1 stream (p0)
/// today's UTC channels  p0: sports 2 trial starts, 1 conversion; all 3, 1   p1: kids 4 and 2; all 4, 2 (yesterday: 9)
/// </code>
/// At 05:00:00Z three streams play (c3 stopped counting at that very instant); at 05:00:01Z two (c2 stopped at .900).
/// </summary>
public sealed class LiveApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-27T05:00:00.400Z");
    private static readonly DateOnly Today = new(2026, 11, 27);
    private readonly FakeTimeProvider _clock = new(Start);

    private static long Second(string instant) => DateTimeOffset.Parse(instant).ToUnixTimeSeconds();

    private static double Ms(string instant) => DateTimeOffset.Parse(instant).ToUnixTimeMilliseconds();

    private async Task<(GatewayApp App, HttpClient Http)> StartAsync(string hint)
    {
        var app = new GatewayApp(dependencies, RealDependencies.NewNamespace(hint), clock: _clock);
        var p = app.Prefix;
        var redis = app.Redis;
        await app.WriteHashAsync(LiveLayout.Second(p, 0, Second("2026-11-27T04:59:59Z")), ("all", 5), ("title:a", 3), ("title:b", 2));
        await app.WriteHashAsync(LiveLayout.Second(p, 1, Second("2026-11-27T04:59:59Z")), ("all", 7), ("title:a", 7));
        await app.WriteHashAsync(LiveLayout.Second(p, 0, Second("2026-11-27T05:00:00Z")), ("all", 4), ("title:a", 4));

        await Playing(redis, LiveLayout.PlayingAll(p, 0),
            ("c1\u001ftv\u001fa", "2026-11-27T05:00:30Z"), ("c2\u001fweb\u001fa", "2026-11-27T05:00:00.900Z"), ("c3\u001fx\u001fb", "2026-11-27T05:00:00Z"));
        await Playing(redis, LiveLayout.PlayingAll(p, 1), ("c4\u001ftv\u001fa", "2026-11-27T05:01:00Z"));
        await Playing(redis, LiveLayout.PlayingTitle(p, 0, "a"), ("c1\u001ftv", "2026-11-27T05:00:30Z"), ("c2\u001fweb", "2026-11-27T05:00:00.900Z"));
        await Playing(redis, LiveLayout.PlayingTitle(p, 0, "b"), ("c3\u001fx", "2026-11-27T05:00:00Z"));
        await Playing(redis, LiveLayout.PlayingTitle(p, 1, "a"), ("c4\u001ftv", "2026-11-27T05:01:00Z"));

        var p0A = new[] { (0, "prime", "US", 90_000L, 1L) };
        var p1A = new[] { (20, "tvod", "DE", 45_000L, 2L) };
        var p1B = new[] { (4, "avod", "US", 600_000L, 1L) };
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 0, "a", Today), p0A);
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 1, "a", Today), p1A);
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 1, "b", Today), p1B);
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 0, Today), p0A);
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 1, Today), [.. p1A, .. p1B]);
        await app.WriteDayAsync(PerformanceCounterLayout.TitleDay(p, 0, "a", Today.AddDays(-1)), (95, "prime", "US", 60_000L, 1L));
        await app.WriteDayAsync(PerformanceCounterLayout.AllDay(p, 0, Today.AddDays(-1)), (95, "prime", "US", 60_000L, 1L));

        await app.WriteHashAsync(ChannelCounterLayout.UtcDay(p, 0, Today),
            ("trialStarts|sports", 2), ("trialStarts", 3), ("paidConversions|sports", 1), ("paidConversions", 1));
        await app.WriteHashAsync(ChannelCounterLayout.UtcDay(p, 1, Today),
            ("trialStarts|kids", 4), ("trialStarts", 4), ("paidConversions|kids", 2), ("paidConversions", 2));
        await app.WriteHashAsync(ChannelCounterLayout.UtcDay(p, 0, Today.AddDays(-1)), ("trialStarts|sports", 9), ("trialStarts", 9));
        return (app, app.CreateClient());
    }

    private static Task Playing(IDatabase redis, string key, params (string Member, string Until)[] members) =>
        redis.SortedSetAddAsync(key, members.Select(m => new SortedSetEntry(m.Member, Ms(m.Until))).ToArray());

    [Fact]
    public async Task First_message_at_once_then_one_per_second_with_every_title_and_channel()
    {
        var (app, http) = await StartAsync("live-all");
        await using var _ = app;
        await using var stream = await LiveStream.OpenAsync(http, "/v1/live");

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", stream.Response.Headers.CacheControl?.ToString());
        JsonAssert.Equal("""
            {"at":"2026-11-27T05:00:00Z","titleIds":[],"channelId":null,"eventsPerSecond":12,"playingNow":3,
             "today":{"date":"2026-11-27","minutesStreamed":12.25,"uniqueStreams":4,"trialStarts":7,"paidConversions":3}}
            """, await stream.NextAsync());

        _clock.Advance(TimeSpan.FromSeconds(1));

        JsonAssert.Equal("""
            {"at":"2026-11-27T05:00:01Z","titleIds":[],"channelId":null,"eventsPerSecond":4,"playingNow":2,
             "today":{"date":"2026-11-27","minutesStreamed":12.25,"uniqueStreams":4,"trialStarts":7,"paidConversions":3}}
            """, await stream.NextAsync());

        // A second later nothing was applied in 05:00:01; c1 and c4 still play.
        _clock.Advance(TimeSpan.FromSeconds(1));
        JsonAssert.Equal("""
            {"at":"2026-11-27T05:00:02Z","titleIds":[],"channelId":null,"eventsPerSecond":0,"playingNow":2,
             "today":{"date":"2026-11-27","minutesStreamed":12.25,"uniqueStreams":4,"trialStarts":7,"paidConversions":3}}
            """, await stream.NextAsync());
    }

    [Fact]
    public async Task Title_and_channel_filters()
    {
        var (app, http) = await StartAsync("live-filter");
        await using var _ = app;

        await using (var stream = await LiveStream.OpenAsync(http, "/v1/live?titleId=a&channelId=sports"))
        {
            JsonAssert.Equal("""
                {"at":"2026-11-27T05:00:00Z","titleIds":["a"],"channelId":"sports","eventsPerSecond":10,"playingNow":3,
                 "today":{"date":"2026-11-27","minutesStreamed":2.25,"uniqueStreams":3,"trialStarts":2,"paidConversions":1}}
                """, await stream.NextAsync());
            _clock.Advance(TimeSpan.FromSeconds(1));
            JsonAssert.Equal("""
                {"at":"2026-11-27T05:00:01Z","titleIds":["a"],"channelId":"sports","eventsPerSecond":4,"playingNow":2,
                 "today":{"date":"2026-11-27","minutesStreamed":2.25,"uniqueStreams":3,"trialStarts":2,"paidConversions":1}}
                """, await stream.NextAsync());
        }

        await using (var stream = await LiveStream.OpenAsync(http, "/v1/live?titleId=b&titleId=a&channelId=kids"))
        {
            JsonAssert.Equal("""
                {"at":"2026-11-27T05:00:01Z","titleIds":["a","b"],"channelId":"kids","eventsPerSecond":4,"playingNow":2,
                 "today":{"date":"2026-11-27","minutesStreamed":12.25,"uniqueStreams":4,"trialStarts":4,"paidConversions":2}}
                """, await stream.NextAsync());
        }

        await using (var stream = await LiveStream.OpenAsync(http, "/v1/live?titleId=b&channelId=nobody"))
        {
            JsonAssert.Equal("""
                {"at":"2026-11-27T05:00:01Z","titleIds":["b"],"channelId":"nobody","eventsPerSecond":0,"playingNow":0,
                 "today":{"date":"2026-11-27","minutesStreamed":10.00,"uniqueStreams":1,"trialStarts":0,"paidConversions":0}}
                """, await stream.NextAsync());
        }
    }

    [Fact]
    public async Task At_midnight_today_becomes_the_new_UTC_day()
    {
        var (app, http) = await StartAsync("live-midnight");
        await using var _ = app;
        _clock.SetUtcNow(DateTimeOffset.Parse("2026-11-27T23:59:59.600Z"));
        await using var stream = await LiveStream.OpenAsync(http, "/v1/live?titleId=a");
        Assert.Equal("""{"date":"2026-11-27","minutesStreamed":2.25,"uniqueStreams":3,"trialStarts":7,"paidConversions":3}""",
            JsonDocument.Parse(await stream.NextAsync()).RootElement.GetProperty("today").GetRawText());

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("""{"date":"2026-11-28","minutesStreamed":0.00,"uniqueStreams":0,"trialStarts":0,"paidConversions":0}""",
            JsonDocument.Parse(await stream.NextAsync()).RootElement.GetProperty("today").GetRawText());
    }

    [Fact]
    public async Task The_stream_ends_when_the_client_goes_away()
    {
        var (app, http) = await StartAsync("live-gone");
        await using var _ = app;
        using var open = new InstrumentTotal(app.Services.GetRequiredService<IMeterFactory>(), "gateway.live.connections");

        var stream = await LiveStream.OpenAsync(http, "/v1/live");
        await stream.NextAsync();
        Assert.Equal(1, open.Value);

        await stream.DisposeAsync();

        // Without a tick of the clock: the disconnection alone ends the loop.
        await Eventually.UntilAsync(() => open.Value == 0, "the stream to close", seen: () => $"{open.Value} open");
    }

    [Theory]
    [InlineData("titleId=", "titleId")]
    [InlineData("titleId=a&titleId=%01", "titleId")]
    [InlineData("channelId=%0A", "channelId")]
    public async Task A_bad_parameter_gets_400_problem_details_naming_it_before_any_stream(string query, string parameter)
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("live-bad"), clock: _clock);
        var http = app.CreateClient();

        var response = await http.GetAsync($"/v1/live?{query}");

        await GatewayAnswers.AssertBadParametersAsync(response, parameter);
    }

    [Fact]
    public async Task OpenApi_names_and_summarises_the_route()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("live-openapi"));
        var http = app.CreateClient();

        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var live = document.RootElement.GetProperty("paths").GetProperty("/v1/live").GetProperty("get");

        Assert.Equal("GetLive", live.GetProperty("operationId").GetString());
        Assert.StartsWith("Live counters as Server-Sent Events", live.GetProperty("summary").GetString());
        Assert.Equal(["titleId", "channelId"], live.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.True(live.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
    }
}
