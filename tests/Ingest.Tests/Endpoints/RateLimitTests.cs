using Streaming.Tenancy;

namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>
/// Ingest's token bucket per key, with a bucket of 3 that refills one request per 100 s (so no refill happens while a
/// test runs): each key gets exactly 3 answers and then 429 with <c>Retry-After: 100</c>.
/// </summary>
public sealed class RateLimitTests
{
    private const string Route = "/v1/events/playback";

    private static IngestFactory Limited() => new(new Dictionary<string, string?>
    {
        ["RateLimits:Ingest:RequestsPerSecond"] = "0.01",
        ["RateLimits:Ingest:Burst"] = "3",
    });

    /// <summary>Player keys issued in the factory's namespace, with the title the posted event names in the catalog.</summary>
    private static async Task<string[]> PlayerKeysAsync(IngestFactory factory, int count)
    {
        await TestTenancy.RegisterAsync(factory.Services, ["t-1"], []);
        var keys = new string[count];
        for (var i = 0; i < count; i++) keys[i] = await TestTenancy.IngestKeyAsync(factory.Services, KeyKinds.Player);
        return keys;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string? bearer = null, string? queryKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, queryKey is null ? Route : $"{Route}?key={Uri.EscapeDataString(queryKey)}")
        {
            Content = new StringContent(Minimal().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task One_key_gets_its_burst_then_429_while_another_key_is_unaffected()
    {
        using var factory = Limited();
        var http = factory.CreateClient();
        var keys = await PlayerKeysAsync(factory, 2);

        var a = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) a.Add(await PostAsync(http, bearer: keys[0]));
        var b = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) b.Add(await PostAsync(http, bearer: keys[1]));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], a);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], b);
        Assert.Equal(6, factory.Publisher.Batches.Count);
    }

    [Fact]
    public async Task A_key_in_the_query_counts_against_the_same_bucket_as_in_the_header()
    {
        using var factory = Limited();
        var http = factory.CreateClient();
        var beacon = (await PlayerKeysAsync(factory, 1))[0];

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http, bearer: beacon));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http, queryKey: beacon));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http, queryKey: beacon));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(http, bearer: beacon));
        // Without a key the client's address is the bucket: untouched so far.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http));
    }

    [Fact]
    public async Task Over_the_limit_is_429_problem_json_with_Retry_After_and_the_probes_stay_open()
    {
        using var factory = Limited();
        var http = factory.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync(http));

        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("100", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("0.01 requests per second in bursts of at most 3", problem.GetProperty("detail").GetString());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        }
    }

    [Fact]
    public async Task The_default_limits_take_a_benchmark_client_burst_of_250_requests()
    {
        using var factory = new IngestFactory();
        var http = factory.CreateClient();
        var loadgen = (await PlayerKeysAsync(factory, 1))[0];

        var answers = await Task.WhenAll(Enumerable.Range(0, 250).Select(_ => PostAsync(http, bearer: loadgen)));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
    }
}
