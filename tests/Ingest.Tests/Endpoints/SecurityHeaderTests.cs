using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>Every answer of ingest carries the security headers: accepted, refused, problem+json, probes and the API reference page.</summary>
public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers()
    {
        using var factory = new IngestFactory(new Dictionary<string, string?>
        {
            ["RateLimits:Ingest:RequestsPerSecond"] = "0.01",
            ["RateLimits:Ingest:Burst"] = "3", // the three posts: the 404 read carries the operator key (TestTenancy), a bucket of its own
            ["Ingest:MaxBodyBytes"] = "1000",
        });
        var http = factory.CreateClient();
        StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

        var answers = new[]
        {
            (HttpStatusCode.Accepted, await http.PostAsync("/v1/events/playback", Json(Minimal().ToJsonString()))),
            (HttpStatusCode.BadRequest, await http.PostAsync("/v1/events/playback", Json("{"))),
            (HttpStatusCode.RequestEntityTooLarge, await http.PostAsync("/v1/events/playback", Json(new string(' ', 2000)))),
            (HttpStatusCode.NotFound, await http.GetAsync("/v1/nothing-here")),
            (HttpStatusCode.TooManyRequests, await http.PostAsync("/v1/events/playback", Json("[]"))),
            (HttpStatusCode.OK, await http.GetAsync("/alive")),
        };

        foreach (var (status, response) in answers)
        {
            Assert.Equal(status, response.StatusCode);
            SecurityHeaderAssert.Present(response, SecurityHeaders.ContentSecurityPolicy);
        }
        SecurityHeaderAssert.Present(await http.GetAsync("/scalar/"), SecurityHeaders.ApiReferencePolicy);
    }
}
