using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The gateway's token bucket per key, with a bucket of 3 that refills one request per 100 s (no refill while a test
/// runs): each key gets exactly 3 answers and then 429 with <c>Retry-After: 100</c>; the probes are never limited.
/// </summary>
public sealed class RateLimitApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private GatewayApp Limited(string hint) => new(dependencies, RealDependencies.NewNamespace(hint), new Dictionary<string, string?>
    {
        ["RateLimits:Gateway:RequestsPerSecond"] = "0.01",
        ["RateLimits:Gateway:Burst"] = "3",
    });

    private static async Task<HttpResponseMessage> ReadAsync(HttpClient http, string? key, string url = "/v1/titles")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        return await http.SendAsync(request);
    }

    private static async Task<HttpStatusCode[]> StatusesAsync(HttpClient http, string? key, int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++) statuses[i] = (await ReadAsync(http, key)).StatusCode;
        return statuses;
    }

    [Fact]
    public async Task One_key_gets_its_burst_then_429_while_another_key_and_keyless_reads_are_unaffected()
    {
        await using var app = Limited("rl-keys");
        var http = app.CreateClient();
        var (keyA, keyB) = (await TestTenancy.AccessKeyAsync(app.Services), await TestTenancy.AccessKeyAsync(app.Services));

        var a = await StatusesAsync(http, keyA, 5);
        var b = await StatusesAsync(http, keyB, 3);
        var none = await StatusesAsync(http, null, 4);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], a);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], b);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], none);
    }

    [Fact]
    public async Task A_session_cookie_counts_against_the_key_it_carries()
    {
        await using var app = Limited("rl-cookie");
        var store = app.Services.GetRequiredService<Streaming.Tenancy.TenancyStore>();
        var k = (await store.CreateDistributorAsync("a", "A"))!.Token;
        var other = (await store.CreateDistributorAsync("b", "B"))!.Token;
        await app.Services.GetRequiredService<Streaming.Tenancy.TenancyCache>().RefreshAsync();
        var http = app.CreateClient(new() { HandleCookies = false });
        async Task<HttpStatusCode> WithCookieAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/titles");
            request.Headers.Add("Cookie", $"{ClientCredential.SessionCookie}={key}");
            return (await http.SendAsync(request)).StatusCode;
        }

        // Two reads in the session, one with the same key as Bearer: the bucket of 3 is empty for both ways in.
        HttpStatusCode[] statuses = [await WithCookieAsync(k), await WithCookieAsync(k), (await ReadAsync(http, k)).StatusCode, await WithCookieAsync(k), (await ReadAsync(http, k)).StatusCode];
        var otherSession = await WithCookieAsync(other);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherSession);
    }

    [Fact]
    public async Task Over_the_limit_is_429_problem_json_with_Retry_After_and_security_headers_and_the_probes_stay_open()
    {
        await using var app = Limited("rl-answer");
        var http = app.CreateClient();
        var key = await TestTenancy.AccessKeyAsync(app.Services);
        await StatusesAsync(http, key, 3);

        var refused = await ReadAsync(http, key, "/v1/metrics/performance?from=2026-03-10&to=2026-03-10");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(100), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal((429, "Too many requests"), ((int)problem["status"]!, (string)problem["title"]!));
        SecurityHeaderAssert.Present(refused, SecurityHeaders.ContentSecurityPolicy);
        foreach (var probe in new[] { "/alive", "/health/ready", "/alive", "/health/ready" })
        {
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(http, "k", probe)).StatusCode);
        }
    }

    [Fact]
    public async Task The_default_limits_take_a_burst_of_200_reads_of_one_key()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("rl-default"));
        var http = app.CreateClient();
        var dashboard = await TestTenancy.AccessKeyAsync(app.Services);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => ReadAsync(http, dashboard)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }
}
