extern alias GatewayService;
extern alias IngestService;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FsCheck.Fluent;
using Streaming.TestSupport.Hostile;

namespace Streaming.Integration.Tests;

/// <summary>
/// The smaller share of the generated hostile requests (TestSupport/Hostile), sent over real HTTP to ingest and the
/// gateway on Kestrel while sessionization and subscriptions run on the real broker and Redis. Every answer must be the
/// one the generator expects; every event ingest accepted, absurd dates included, must be processed downstream; and
/// the clean traffic sent between the hostile requests must come out of the gateway exactly.
/// </summary>
public sealed class HostileTrafficTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const int IngestRequests = 600;
    private const int GatewayRequests = 400;
    private const int PairsPerCleanBatch = 5;
    private static readonly DateTimeOffset CleanStart = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hostile_requests_over_http_get_their_answers_and_the_valid_traffic_beside_them_is_counted_exactly()
    {
        await using var subscriptions = new SubscriptionPipeline(deps, "hostile");
        var pipeline = subscriptions.Pipeline;
        pipeline.StartSessionization();
        subscriptions.StartService();
        await using var ingestHost = pipeline.Configure(new WebApplicationFactory<IngestService::Program>());
        // The generated live requests drop their streams unread; the gateway frees a stream's slot when it notices, at
        // its next message, so on a loaded box more than the default 20 per key can be open at once. The cap has tests
        // of its own (LiveFanOutTests): here it is out of the way.
        await using var gatewayHost = pipeline.Configure(new WebApplicationFactory<GatewayService::Program>())
            .WithWebHostBuilder(builder => builder.UseSetting("Gateway:LiveStreamsPerKey", "1000"));
        using var ingest = OverHttp.Serve(ingestHost);
        using var gateway = OverHttp.Serve(gatewayHost);
        var title = $"clean-{Guid.NewGuid():N}";
        var limits = new IngestLimits();
        long playback = 0, billing = 0, pairs = 0;

        var ingestRun = HostileRun.SendAsync(IngestCases.Any(limits), IngestRequests, parallel: 2, TimeSpan.FromSeconds(20), async (c, n, token) =>
        {
            if (n % 10 == 0)
            {
                if (await PostCleanAsync(ingest, title, n, token) is { } refused) return refused;
                Interlocked.Add(ref pairs, PairsPerCleanBatch);
            }
            var request = c.Render(n);
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = new ByteArrayContent(request.Body) };
            if (request.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            using var response = await ingest.SendAsync(message, token);
            var failure = await IngestAnswerCheck.CheckAsync(request, response, limits);
            if (failure is null && request.Status == 202)
            {
                Interlocked.Add(ref (request.Path.StartsWith(IngestCases.Playback, StringComparison.Ordinal) ? ref playback : ref billing), request.Valid.Count());
            }
            return failure;
        }, c => $"{c.Route} {c.Note}");
        // Kestrel refuses a request line over 8 KB itself (414, no problem body): such queries are left to Gateway.Tests.
        var world = new GatewayWorld(DateOnly.FromDateTime(DateTime.UtcNow), null);
        var gatewayRun = HostileRun.SendAsync(GatewayCases.Any(world, groupByTitle: false).Where(c => c.Path.Length <= 6000), GatewayRequests, parallel: 2,
            TimeSpan.FromSeconds(20), async (c, _, token) =>
            {
                using var response = await gateway.GetAsync(c.Path, HttpCompletionOption.ResponseHeadersRead, token);
                return await GatewayAnswerCheck.CheckAsync(c, response, null);
            }, c => $"{c.Note}: GET {Answers.Excerpt(c.Path)}");
        var failures = (await Task.WhenAll(ingestRun, gatewayRun)).SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} answers were wrong:\n" + string.Join("\n", failures.Take(20)));
        await pipeline.WaitForProcessedAsync(playback + 2 * pairs, TimeSpan.FromSeconds(120));
        await subscriptions.WaitForProcessedAsync(billing);
        var clean = await pipeline.QueryAsync($"from=2025-06-15&to=2025-06-15&granularity=total&titleId={title}");
        Assert.Equal((pairs * 0.5m, pairs), ((decimal)clean["totals"]!["minutesStreamed"]!, (long)clean["totals"]!["uniqueStreams"]!));
    }

    [Fact]
    public async Task A_query_string_over_Kestrels_8_KB_request_line_is_refused_by_Kestrel_with_414()
    {
        await using var pipeline = new Pipeline(deps, "hostile-414");
        await using var gatewayHost = pipeline.Configure(new WebApplicationFactory<GatewayService::Program>());
        using var gateway = OverHttp.Serve(gatewayHost);

        var response = await gateway.GetAsync("/v1/metrics/performance?" + string.Join("&", Enumerable.Repeat("titleId=a", 1000)));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    /// <summary>
    /// Clean batch <paramref name="n"/>: five viewers of the clean title, each a play and a heartbeat 30 s later (one
    /// stream, half a minute). Null when ingest took all ten events; what went wrong otherwise.
    /// </summary>
    private static async Task<string?> PostCleanAsync(HttpClient ingest, string title, int n, CancellationToken token)
    {
        var events = Enumerable.Range(0, PairsPerCleanBatch).SelectMany(i =>
        {
            var start = CleanStart.AddSeconds(n * PairsPerCleanBatch + i);
            return new[] { ("play", start), ("heartbeat", start.AddSeconds(30)) }.Select(e => new Dictionary<string, object?>
            {
                ["eventId"] = $"clean-{n}-{i}-{e.Item1}", ["type"] = e.Item1,
                ["occurredAt"] = e.Item2.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                ["customerId"] = $"clean-{n}-{i}", ["deviceId"] = "tv", ["titleId"] = title, ["marketplace"] = "US", ["offer"] = "prime",
            });
        });
        using var response = await ingest.PostAsJsonAsync("/v1/events/playback", events, token);
        var answer = await response.Content.ReadAsStringAsync(token);
        return response.StatusCode == HttpStatusCode.Accepted && answer.StartsWith("{\"accepted\":10,", StringComparison.Ordinal)
            ? null
            : $"the clean batch was answered {(int)response.StatusCode}: {answer}";
    }
}
