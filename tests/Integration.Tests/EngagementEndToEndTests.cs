extern alias EngagementService;
using System.Collections.Concurrent;
using MassTransit;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRules;

namespace Streaming.Integration.Tests;

/// <summary>
/// Playback events posted to ingest come out of the gateway as exact CER, minutes, royalties and earnings rows:
/// ingest → RabbitMQ → sessionization → StreamActivityRecorded on the bus → engagement ranking → Redis → gateway.
/// All prime and US unless said otherwise, in October 2026, heartbeats at most 120 s apart (the maximum gap).
/// </summary>
public sealed class EngagementEndToEndTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const string EarningsHeader =
        "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency\r\n";

    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2026-10-20T10:00:00Z");

    /// <summary>
    /// Every service's clock, held still unless a test moves it: November 1, 2026, so October is open (its grace runs to
    /// November 16) and no finality check runs (the first comes one check interval, a minute, after the start).
    /// </summary>
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-01T02:00:00Z"));

    /// <summary>
    /// movie: c1 on tv 1 h (play, 30 heartbeats 120 s apart) and on web 30 s (a second stream, same customer);
    ///        c2 on phone 60 s → 2 customers, 3 streams, 3,690 s = 61.50 min, 1.025 h.
    /// season s1: c3 watches episode e1 30 s, c4 episode e2 240 s → 2 customers, 270 s = 4.50 min, 0.075 h.
    /// doc (a title without season): c5 1,200 s → 1 customer, 20.00 min, 0.333 h.
    /// movie, tvod: c6 90 s → its own row, no CER, no royalty.  movie in FR: c7 1 h → no CER, fixed 0.045 EUR/h.
    /// </summary>
    private static List<JsonObject> October() =>
    [
        .. Watch("c1", "tv", "movie", Day, 30),
        .. Watch("c1", "web", "movie", Day.AddHours(2), 0, last: 30),
        .. Watch("c2", "phone", "movie", Day, 0, last: 60),
        .. Watch("c3", "tv", "e1", Day, 0, last: 30, season: "s1"),
        .. Watch("c4", "tv", "e2", Day, 2, season: "s1"),
        .. Watch("c5", "tv", "doc", Day, 10),
        .. Watch("c6", "tv", "movie", Day, 0, last: 90, offer: "tvod"),
        .. Watch("c7", "tv", "movie", Day, 30, marketplace: "FR"),
    ];

    /// <summary>
    /// N = 3, N − 1 = 2: movie (2, 61.50 min) beats s1 (2, 4.50 min) on minutes, s1 beats doc (1, 20 min) on customers.
    /// movie CER 100: 0.10 USD/h × 1.025 h = 0.1025 → 0.10; s1 CER 50: 0.07 × 0.075 = 0.00525 → 0.01;
    /// doc CER 0: 0.04 × 1/3 = 0.0133 → 0.01. Hours shown: 1.025 → 1.03, 0.075 → 0.08, 0.333 → 0.33.
    /// </summary>
    private const string OctoberUs = """
        {"month":"2026-10","territory":"US","final":false,"lateFactsIgnored":0,"units":[
         {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":2,"minutesStreamed":61.50,"hoursStreamed":1.03,"estimatedRoyalty":0.10,"currency":"USD"},
         {"unitId":"s1","kind":"season","cer":50,"distinctCustomers":2,"minutesStreamed":4.50,"hoursStreamed":0.08,"estimatedRoyalty":0.01,"currency":"USD"},
         {"unitId":"doc","kind":"title","cer":0,"distinctCustomers":1,"minutesStreamed":20.00,"hoursStreamed":0.33,"estimatedRoyalty":0.01,"currency":"USD"}]}
        """;

    /// <summary>FR: 1 h × 0.045 = 0.045 → 0.05 EUR. tvod: 90 s = 0.025 h → 0.03, no CER and no royalty.</summary>
    private const string OctoberEarnings = EarningsHeader +
        "2026-10,FR,movie,prime,1,1.00,,0.05,EUR\r\n" +
        "2026-10,US,doc,prime,1,0.33,0,0.01,USD\r\n" +
        "2026-10,US,movie,prime,3,1.03,100,0.10,USD\r\n" +
        "2026-10,US,movie,tvod,1,0.03,,,\r\n" +
        "2026-10,US,s1,prime,2,0.08,50,0.01,USD\r\n";

    /// <summary>A stage that was posted <see cref="October"/> and whose gateway shows <see cref="OctoberUs"/>.</summary>
    private async Task<EngagementStage> OctoberRankedAsync(string hint)
    {
        var stage = await EngagementStage.StartAsync(deps, hint, _clock);
        try
        {
            var events = October();
            await stage.Pipeline.PostAsync(events);
            await stage.Pipeline.WaitForProcessedAsync(events.Count);
            await stage.EngagementShowsAsync("2026-10", "US", OctoberUs);
            return stage;
        }
        catch
        {
            await stage.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Posted_playback_events_come_out_as_exact_CER_and_earnings_rows()
    {
        await using var stage = await OctoberRankedAsync("cer");

        Assert.Equal(OctoberEarnings, await stage.EarningsAsync("2026-10"));
        await stage.EngagementShowsAsync("2026-10", "FR", """
            {"month":"2026-10","territory":"FR","final":false,"lateFactsIgnored":0,"units":[
             {"unitId":"movie","kind":"title","cer":null,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.05,"currency":"EUR"}]}
            """);
    }

    [Fact]
    public async Task A_republished_facts_batch_changes_nothing()
    {
        await using var stage = await OctoberRankedAsync("republish");
        var applied = await stage.StatAsync(EngagementLayout.State.Messages);
        // Distinct by BatchId: sessionization may publish a batch twice on its own (a commit retried because its WAIT
        // timed out, on a Redis Cluster under load), and engagement then counted that copy as a duplicate already.
        await Eventually.UntilAsync(() => stage.Captured.DistinctBy(f => f.BatchId).Count() >= applied, $"{applied} captured facts messages",
            seen: () => $"{stage.Captured.Count}");
        var published = stage.Captured.DistinctBy(f => f.BatchId).ToList();
        Assert.Equal(applied, published.Count);
        var duplicatesBefore = await stage.StatAsync(EngagementLayout.State.Duplicates);

        // What sessionization's outbox does after a crash between publishing and forgetting: the same BatchIds again,
        // packed as sessionization publishes them, and in the older JSON-list form an earlier version published.
        foreach (var facts in published)
        {
            await stage.Bus.Publish(facts.ToPacked());
            await stage.Bus.Publish(facts with { Items = [.. facts.Items] });
        }
        await stage.WaitForStatAsync(EngagementLayout.State.Duplicates, duplicatesBefore + 2 * published.Count);

        await stage.EngagementShowsAsync("2026-10", "US", OctoberUs);
        Assert.Equal(OctoberEarnings, await stage.EarningsAsync("2026-10"));
        Assert.Equal(published.Count, await stage.StatAsync(EngagementLayout.State.Messages));
    }

    /// <summary>
    /// October's deadline is November 16, 00:00 (its end plus the 15-day grace). movie: c1 20 min on tv from 23:00, c3 2 min
    /// on a phone from 23:30 (its partition lags) → 2 customers, 22.00 min = 0.37 h, CER 100 (alone), 0.10 USD/h × 0.367 h
    /// = 0.0367 → 0.04. c4's stream of 23:40 arrives after the close: one fact, ignored.
    /// </summary>
    [Fact]
    public async Task A_month_stays_open_through_its_grace_waits_for_a_lagging_partition_and_then_never_changes()
    {
        await using var stage = await EngagementStage.StartAsync(deps, "final", _clock);
        var lastHour = DateTimeOffset.Parse("2026-10-31T23:00:00Z");
        const string october = """
            {"month":"2026-10","territory":"US","final":FINAL,"lateFactsIgnored":LATE,"units":[
             {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":CUSTOMERS,"minutesStreamed":MINUTES,"hoursStreamed":HOURS,"estimatedRoyalty":ROYALTY,"currency":"USD"}]}
            """;
        var c1Alone = october.Replace("CUSTOMERS", "1").Replace("MINUTES", "20.00").Replace("HOURS", "0.33").Replace("ROYALTY", "0.03");
        var withC3 = october.Replace("CUSTOMERS", "2").Replace("MINUTES", "22.00").Replace("HOURS", "0.37").Replace("ROYALTY", "0.04");
        await stage.Pipeline.PostAsync(Watch("c1", "tv", "movie", lastHour, 10));
        await stage.Pipeline.WaitForProcessedAsync(11);
        await stage.EngagementShowsAsync("2026-10", "US", c1Alone.Replace("FINAL", "false").Replace("LATE", "0"));

        // Another viewer at 01:10 on November 1: facts of a later month do not close October (the old watermark did).
        await stage.Pipeline.PostAsync(Watch("c2", "tv", "other", lastHour.AddHours(2).AddMinutes(10), 0, last: 60));
        await stage.Pipeline.WaitForProcessedAsync(13);
        // An hour before the deadline, with every partition answering the probes at once: still open.
        _clock.SetUtcNow(DateTimeOffset.Parse("2026-11-15T23:00:00Z"));
        for (var round = 0; round < 3; round++) await stage.TickUntilAsync(() => stage.CaughtUpToAsync(_clock.GetUtcNow()));
        await stage.EngagementShowsAsync("2026-10", "US", c1Alone.Replace("FINAL", "false").Replace("LATE", "0"));

        // Sessionization stops; a phone that was offline posts a stream of October 31, 23:30, which waits in its queue.
        await stage.Pipeline.StopSessionizationAsync();
        await stage.Pipeline.PostAsync(Watch("c3", "phone", "movie", lastHour.AddMinutes(30), 1));
        // Past the deadline the probes of two checks queue up behind it unanswered: October stays open.
        _clock.SetUtcNow(DateTimeOffset.Parse("2026-11-16T00:30:00Z"));
        await stage.TickUntilAsync(async () => await stage.QueuedInPartitionsAsync() >= 1 + 2 * Pipeline.Partitions);
        await stage.EngagementShowsAsync("2026-10", "US", c1Alone.Replace("FINAL", "false").Replace("LATE", "0"));

        // Back again, sessionization takes the stream, then answers the probes: October closes with c3 in it.
        stage.Pipeline.StartSessionization();
        await stage.Pipeline.WaitForProcessedAsync(15);
        await stage.TickUntilAsync(() => stage.EngagementIsAsync("2026-10", "US", withC3.Replace("FINAL", "true").Replace("LATE", "0")));

        // A later stream of October 31, 23:40: the performance counters take it, October's ranking and earnings do not.
        await stage.Pipeline.PostAsync(Watch("c4", "tablet", "movie", lastHour.AddMinutes(40), 1));
        await stage.Pipeline.WaitForProcessedAsync(17);
        await stage.WaitForStatAsync(EngagementLayout.State.FactsIgnoredFinal, 1);
        var performance = await stage.Pipeline.QueryAsync("from=2026-10-31&to=2026-10-31&granularity=total&titleId=movie");
        Assert.Equal("""{"minutesStreamed":24.00,"uniqueStreams":3}""", Pipeline.Compact(performance["totals"]));
        await stage.EngagementShowsAsync("2026-10", "US", withC3.Replace("FINAL", "true").Replace("LATE", "1"));
        Assert.Equal(EarningsHeader + "2026-10,US,movie,prime,2,0.37,100,0.04,USD\r\n", await stage.EarningsAsync("2026-10"));
    }

    /// <summary>A play at <paramref name="start"/>, then <paramref name="heartbeats"/> heartbeats 120 s apart, then one at <paramref name="last"/> s.</summary>
    internal static List<JsonObject> Watch(
        string customer, string device, string title, DateTimeOffset start, int heartbeats, int? last = null,
        string? season = null, string offer = "prime", string marketplace = "US")
    {
        var offsets = Enumerable.Range(0, heartbeats + 1).Select(i => i * 120).ToList();
        if (last is { } l) offsets.Add(l);
        return offsets.Select((seconds, i) => WireEvents.Playback($"{customer}-{device}-{title}-{marketplace}-{start:MMddHHmm}-{i}",
            i == 0 ? "play" : "heartbeat", start.AddSeconds(seconds), customer, device, title, offer, marketplace, season)).ToList();
    }

    /// <summary>
    /// <see cref="Pipeline"/> plus the engagement service under the same namespace, and a capture queue that keeps
    /// every facts message sessionization publishes (to republish them as its outbox would).
    /// </summary>
    private sealed class EngagementStage : IAsyncDisposable
    {
        private readonly RealDependencies _deps;
        private WebApplicationFactory<EngagementService::Program> _engagement = null!;
        private HostReceiveEndpointHandle _capture = null!;

        private readonly FakeTimeProvider _clock;

        private EngagementStage(RealDependencies deps, string hint, FakeTimeProvider clock)
        {
            _deps = deps;
            _clock = clock;
            Pipeline = new Pipeline(deps, "eng-" + hint, clock);
        }

        public Pipeline Pipeline { get; }

        public ConcurrentQueue<StreamActivityRecorded> Captured { get; } = new();

        public IBus Bus => _engagement.Services.GetRequiredService<IBus>();

        private string Prefix => Pipeline.Namespace + ".";

        public static async Task<EngagementStage> StartAsync(RealDependencies deps, string hint, FakeTimeProvider clock)
        {
            var stage = new EngagementStage(deps, hint, clock);
            stage._engagement = stage.Pipeline.Configure(new WebApplicationFactory<EngagementService::Program>());
            // Ready includes the bus: the engagement queue is bound before sessionization publishes anything.
            await Probes.WaitUntilReadyAsync(stage._engagement.CreateClient(), "the engagement service");
            stage._capture = stage.Bus.ConnectReceiveEndpoint(stage.Prefix + "test-capture",
                e => e.Handler<PackedStreamActivityRecorded>(context =>
                {
                    stage.Captured.Enqueue(context.Message.ToUnpacked());
                    return Task.CompletedTask;
                }));
            await stage._capture.Ready;
            stage.Pipeline.StartSessionization();
            return stage;
        }

        public Task EngagementShowsAsync(string month, string territory, string expected) =>
            Pipeline.WaitForAnswerAsync($"/v1/metrics/engagement?month={month}&territory={territory}", expected, TimeSpan.FromSeconds(30));

        public async Task<bool> EngagementIsAsync(string month, string territory, string expected) =>
            await EngagementAsync(month, territory) == Pipeline.Compact(JsonNode.Parse(expected));

        private async Task<string> EngagementAsync(string month, string territory)
        {
            var response = await Pipeline.Gateway.GetAsync($"/v1/metrics/engagement?month={month}&territory={territory}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"gateway answered {(int)response.StatusCode}: {body}");
            return Pipeline.Compact(JsonNode.Parse(body));
        }

        /// <summary>
        /// Moves the clock on by the finality check interval (1 min) and gives the round up to 2 s, until
        /// <paramref name="condition"/> holds (within 60 s): a move the check's timer missed is followed by another.
        /// </summary>
        public async Task TickUntilAsync(Func<Task<bool>> condition)
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(60); ;)
            {
                _clock.Advance(TimeSpan.FromMinutes(1));
                for (var round = DateTime.UtcNow.AddSeconds(2); DateTime.UtcNow < round; await Task.Delay(100))
                {
                    if (await condition()) return;
                }
                Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s of finality checks");
            }
        }

        /// <summary>Whether every partition has answered a probe sent at <paramref name="sentAt"/> or later.</summary>
        public async Task<bool> CaughtUpToAsync(DateTimeOffset sentAt)
        {
            var progress = await _deps.Redis.GetDatabase().HashGetAllAsync(EngagementLayout.Progress(Prefix));
            return progress.Length == Pipeline.Partitions && progress.All(p => (long)p.Value >= sentAt.ToUnixTimeMilliseconds());
        }

        /// <summary>Messages waiting in the partition queues (the management API's figures lag by a few seconds).</summary>
        public async Task<long> QueuedInPartitionsAsync()
        {
            long queued = 0;
            for (var p = 0; p < Pipeline.Partitions; p++)
            {
                queued += await _deps.QueueMessagesAsync(PlaybackPartitioning.QueueName(Prefix, p)) ?? 0;
            }
            return queued;
        }

        /// <summary>The earnings CSV without its byte order mark (checked here).</summary>
        public async Task<string> EarningsAsync(string month)
        {
            var bytes = await Pipeline.Gateway.GetByteArrayAsync($"/v1/reports/earnings?month={month}");
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        public async Task<long> StatAsync(string field) =>
            (long?)await _deps.Redis.GetDatabase().HashGetAsync(EngagementLayout.StateKey(Prefix), field) ?? 0;

        public async Task WaitForStatAsync(string field, long expected) =>
            Assert.Equal(expected, await Eventually.UntilAsync(() => StatAsync(field), value => value >= expected, $"{field} to reach {expected}"));

        public async ValueTask DisposeAsync()
        {
            await _capture.StopAsync();
            await Pipeline.DisposeAsync();
            await _engagement.DisposeAsync();
        }
    }
}
