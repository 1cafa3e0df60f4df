using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Tests.Api;

/// <summary>Every answer of the gateway carries the security headers: JSON, CSV, problem+json, the dashboard's files, probes.</summary>
public sealed class SecurityHeaderApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("headers"));
        var http = app.CreateClient();

        var answers = new[]
        {
            (HttpStatusCode.OK, "/v1/titles"),
            (HttpStatusCode.OK, "/v1/metrics/performance?from=2026-03-10&to=2026-03-10&format=csv"),
            (HttpStatusCode.BadRequest, "/v1/metrics/performance?tz=Mars/Olympus_Mons"),
            (HttpStatusCode.NotFound, "/v1/nothing-here"),
            (HttpStatusCode.OK, "/"),
            (HttpStatusCode.OK, "/js/main.js"),
            (HttpStatusCode.OK, "/openapi/v1.json"),
            (HttpStatusCode.OK, "/alive"),
        };
        foreach (var (status, url) in answers)
        {
            var response = await http.GetAsync(url);
            Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            SecurityHeaderAssert.Present(response, SecurityHeaders.ContentSecurityPolicy);
        }
        SecurityHeaderAssert.Present(await http.GetAsync("/scalar/"), SecurityHeaders.ApiReferencePolicy);
    }
}
