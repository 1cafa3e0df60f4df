using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streaming.Gateway.Tests.Live;

/// <summary>
/// <c>GET /v1/live</c> streams with the same filters share one reader (gateway.live.readers, gateway.live.reads), on a
/// fake clock starting at 2026-11-27T05:00:00.400Z over an empty namespace of the real Redis (every count 0), and the
/// cap on open streams per key.
/// </summary>
public sealed class LiveFanOutTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-27T05:00:00.400Z"));

    private GatewayApp Start(string hint, int? perKey = null) => new(dependencies, RealDependencies.NewNamespace(hint),
        perKey is null ? null : new Dictionary<string, string?> { ["Gateway:LiveStreamsPerKey"] = perKey.ToString() }, _clock);

    /// <summary>Sums of the gateway's live instruments, of this app only.</summary>
    private sealed class LiveMeters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _sums = new();

        public LiveMeters(GatewayApp app)
        {
            var factory = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name.StartsWith("gateway.live.", StringComparison.Ordinal) && instrument.Meter.Scope == factory) l.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
            _listener.Start();
        }

        public long this[string name] => _sums.GetValueOrDefault("gateway.live." + name);

        public string Seen => string.Join(", ", _sums.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));

        public void Dispose() => _listener.Dispose();
    }

    private static async Task<LiveStream> OpenAsync(HttpClient http, string url, string? key = null)
    {
        http.DefaultRequestHeaders.Authorization = key is null ? null : new("Bearer", key);
        return await LiveStream.OpenAsync(http, url);
    }

    [Fact]
    public async Task Fifty_listeners_of_one_filter_set_share_one_reader_and_get_identical_messages()
    {
        await using var app = Start("fan-one", perKey: 100);
        using var meters = new LiveMeters(app);
        var http = app.CreateClient();
        var streams = new List<LiveStream>();
        for (var i = 0; i < 50; i++) streams.Add(await OpenAsync(http, "/v1/live?titleId=a&titleId=b&channelId=kids"));

        var first = await Task.WhenAll(streams.Select(s => s.NextAsync()));
        Assert.Equal((1, 1, 50), (meters["readers"], meters["reads"], meters["connections"]));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Task.WhenAll(streams.Select(s => s.NextAsync()));

        Assert.Equal((1, 2), (meters["readers"], meters["reads"]));
        const string Expected = """
            {"at":"2026-11-27T05:00:0%sZ","titleIds":["a","b"],"channelId":"kids","eventsPerSecond":0,"playingNow":0,
             "today":{"date":"2026-11-27","minutesStreamed":0.00,"uniqueStreams":0,"trialStarts":0,"paidConversions":0}}
            """;
        Assert.All(first, m => JsonAssert.Equal(Expected.Replace("%s", "0"), m));
        Assert.All(second, m => JsonAssert.Equal(Expected.Replace("%s", "1"), m));
        foreach (var stream in streams) await stream.DisposeAsync();
    }

    [Fact]
    public async Task Each_filter_set_has_its_own_reader_which_stops_when_its_last_listener_leaves()
    {
        await using var app = Start("fan-sets", perKey: 100);
        using var meters = new LiveMeters(app);
        var http = app.CreateClient();

        // The same titles in another order and repeated are the same filter set.
        var ab1 = await OpenAsync(http, "/v1/live?titleId=a&titleId=b");
        var ab2 = await OpenAsync(http, "/v1/live?titleId=b&titleId=a&titleId=a");
        var all = await OpenAsync(http, "/v1/live");
        var sports = await OpenAsync(http, "/v1/live?channelId=sports");
        foreach (var s in new[] { ab1, ab2, all, sports }) await s.NextAsync();
        Assert.Equal((3, 3), (meters["readers"], meters["reads"]));

        await ab1.DisposeAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var s in new[] { ab2, all, sports }) Assert.Contains("\"at\":\"2026-11-27T05:00:01Z\"", await s.NextAsync());
        Assert.Equal((3, 6), (meters["readers"], meters["reads"]));

        await ab2.DisposeAsync();
        await Eventually.UntilAsync(() => meters["readers"] == 2, "the reader of a,b to stop", seen: () => meters.Seen);
        _clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var s in new[] { all, sports }) Assert.Contains("\"at\":\"2026-11-27T05:00:02Z\"", await s.NextAsync());
        Assert.Equal(8, meters["reads"]);

        await all.DisposeAsync();
        await sports.DisposeAsync();
        await Eventually.UntilAsync(() => meters["readers"] == 0 && meters["connections"] == 0, "every reader to stop", seen: () => meters.Seen);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(8, meters["reads"]);

        // A listener after the last one left starts a fresh reader, which reads at once.
        await using var again = await OpenAsync(http, "/v1/live?titleId=a&titleId=b");
        Assert.Contains("\"at\":\"2026-11-27T05:00:07Z\"", await again.NextAsync());
        Assert.Equal((1, 9), (meters["readers"], meters["reads"]));
    }

    [Fact]
    public async Task A_key_holds_at_most_the_configured_streams_open_and_gets_a_slot_back_when_one_closes()
    {
        await using var app = Start("fan-cap", perKey: 2);
        var http = app.CreateClient();
        var (keyA, keyB) = (await TestTenancy.AccessKeyAsync(app.Services), await TestTenancy.AccessKeyAsync(app.Services));
        await TestTenancy.RegisterAsync(app.Services, ["x"], []); // the keys' distributor owns title x

        var a1 = await OpenAsync(http, "/v1/live", key: keyA);
        await using var a2 = await OpenAsync(http, "/v1/live?titleId=x", key: keyA);
        http.DefaultRequestHeaders.Authorization = new("Bearer", keyA);
        var refused = await http.GetAsync("/v1/live", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal((429, "Too many open live streams"), ((int)problem["status"]!, (string)problem["title"]!));
        Assert.Contains("Gateway:LiveStreamsPerKey", (string)problem["detail"]!);

        // Another key, and a client without a key, are counted apart.
        await using var b1 = await OpenAsync(http, "/v1/live", key: keyB);
        await using var b2 = await OpenAsync(http, "/v1/live", key: keyB);
        await using var keyless = await OpenAsync(http, "/v1/live");

        await a1.DisposeAsync();
        var reopened = await Eventually.UntilAsync(async () =>
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", keyA);
            return await http.GetAsync("/v1/live", HttpCompletionOption.ResponseHeadersRead);
        }, r => r.StatusCode == HttpStatusCode.OK, "key-a to get its slot back");
        reopened.Dispose();
    }
}
