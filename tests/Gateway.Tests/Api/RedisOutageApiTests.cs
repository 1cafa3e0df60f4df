using StackExchange.Redis;
using Streaming.ServiceDefaults;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The gateway on a Redis of the test's own, stopped and started again by the project's script: meanwhile it answers
/// 503 problem+json with Retry-After (not 500), and afterwards the same answer as before, without a restart.
/// </summary>
public sealed class RedisOutageApiTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task During_a_redis_outage_queries_get_503_with_retry_after_and_recover_alone()
    {
        await using var redis = new OwnRedis();
        await redis.StartAsync();
        var ns = RealDependencies.NewNamespace("gwout");
        await using var app = new GatewayApp(deps, ns, new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        using (var writer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            // movie-1: 90 s and 2 streams in partition 0.
            await writer.GetDatabase().HashSetAsync(PerformanceCounterLayout.Titles(app.Prefix, 0),
                [new(PerformanceCounterLayout.TitleWatchedField("movie-1"), 90_000), new(PerformanceCounterLayout.TitleStreamsField("movie-1"), 2)]);
        }
        var client = app.CreateClient();
        var before = await client.GetAsync("/v1/titles");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var answer = await before.Content.ReadAsStringAsync();
        Assert.Contains("movie-1", answer);

        await redis.StopAsync();
        var during = await client.GetAsync("/v1/titles");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), during.Headers.RetryAfter?.Delta);
        // The exception handler clears the response's headers before it writes: the security headers still come.
        SecurityHeaderAssert.Present(during, SecurityHeaders.ContentSecurityPolicy);
        var problem = JsonNode.Parse(await during.Content.ReadAsStringAsync())!;
        Assert.Equal((503, "Redis is unavailable"), ((int)problem["status"]!, (string)problem["title"]!));

        await redis.StartAsync();
        var after = await Eventually.UntilAsync(async () =>
        {
            var response = await client.GetAsync("/v1/titles");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }, r => r.StatusCode == HttpStatusCode.OK, "the gateway to answer 200 again");
        Assert.Equal(answer, after.Body);
    }
}
