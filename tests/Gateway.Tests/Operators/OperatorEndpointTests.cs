using Streaming.Tenancy;

namespace Streaming.Gateway.Tests.Operators;

/// <summary>
/// /metrics, the OpenAPI document and the API reference page are the operator's on the gateway's own port, and
/// anybody's on the management port, which serves nothing else; the probes are open on both. Real key checks
/// (hosts without <see cref="TestTenancy"/>'s step).
/// </summary>
public sealed class OperatorEndpointTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task Operator_endpoints_answer_the_operator_key_only(string path)
    {
        await using var app = new GatewayApp(deps, RealDependencies.NewNamespace("ops-keys"), tenancy: false);
        var http = app.CreateClient();
        var access = await TestTenancy.AccessKeyAsync(app.Services);
        var player = await TestTenancy.IngestKeyAsync(app.Services, KeyKinds.Player);

        await OperatorEndpoints.AssertOperatorOnlyAsync(http, path, access, player);
    }

    [Fact]
    public async Task A_dashboard_session_opens_the_API_reference_for_the_operator_only()
    {
        await using var app = new GatewayApp(deps, RealDependencies.NewNamespace("ops-session"), tenancy: false);
        var access = await TestTenancy.AccessKeyAsync(app.Services);

        Assert.Equal(HttpStatusCode.Forbidden, await SignedInAsync(app, access, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.Forbidden, await SignedInAsync(app, access, "/scalar/"));
        Assert.Equal(HttpStatusCode.OK, await SignedInAsync(app, TestTenancy.OperatorKey, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.OK, await SignedInAsync(app, TestTenancy.OperatorKey, "/scalar/"));
    }

    /// <summary>Signs in as the dashboard does (the key in the session cookie), then reads <paramref name="path"/> with the cookie alone.</summary>
    private static async Task<HttpStatusCode> SignedInAsync(GatewayApp app, string key, string path)
    {
        var browser = app.CreateClient(); // keeps cookies
        var signIn = await browser.PostAsync("/v1/session", new StringContent(new JsonObject { ["key"] = key }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(signIn.IsSuccessStatusCode, $"sign-in: {(int)signIn.StatusCode}");
        return (await browser.GetAsync(path)).StatusCode;
    }

    [Fact]
    public async Task Probes_need_no_key()
    {
        await using var app = new GatewayApp(deps, RealDependencies.NewNamespace("ops-probes"), tenancy: false);
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        await Probes.WaitUntilReadyAsync(http, "the gateway");
    }

    [Fact]
    public async Task The_management_port_serves_the_operator_endpoints_without_a_key_and_nothing_else()
    {
        var (host, own, management) = OperatorEndpoints.ServeWithManagementPort(new GatewayApp(deps, RealDependencies.NewNamespace("ops-port"), tenancy: false));
        await using var _ = host;

        foreach (var path in new[] { "/metrics", "/openapi/v1.json", "/scalar/", "/scalar/scalar.js", "/alive" })
        {
            Assert.True((await management.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{path} on the management port");
        }
        await Probes.WaitUntilReadyAsync(management, "the gateway's management port");
        Assert.Contains("# TYPE", await management.GetStringAsync("/metrics"));
        // No route, file or sign-in of the API answers there, not even with the operator key.
        foreach (var path in new[] { "/v1/titles", "/v1/admin/titles", "/v1/session", "/", "/js/main.js" })
        {
            var answer = await management.SendAsync(OperatorEndpoints.Get(path, TestTenancy.OperatorKey));
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} on the management port: {(int)answer.StatusCode}");
        }
        // The service's own port is unchanged: the API with a key, /metrics for the operator only, probes open.
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.SendAsync(OperatorEndpoints.Get("/metrics", TestTenancy.OperatorKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.SendAsync(OperatorEndpoints.Get("/v1/admin/titles", TestTenancy.OperatorKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_management_port_header_on_the_own_port_does_not_open_it()
    {
        var (host, own, management) = OperatorEndpoints.ServeWithManagementPort(new GatewayApp(deps, RealDependencies.NewNamespace("ops-host"), tenancy: false));
        await using var _ = host;
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = management.BaseAddress!.Authority;

        Assert.Equal(HttpStatusCode.Unauthorized, (await own.SendAsync(request)).StatusCode);
    }

    [Fact]
    public void A_management_port_that_is_the_service_port_refuses_to_start_naming_the_setting()
    {
        using var app = new GatewayApp(deps, RealDependencies.NewNamespace("ops-same"));
        using var same = app.WithWebHostBuilder(builder => builder.UseSetting("urls", "http://127.0.0.1:5102").UseSetting("Management:Port", "5102"));

        Assert.Contains("Management:Port is invalid: 5102 is also the service's own port", StartupFailure.Messages(Assert.ThrowsAny<Exception>(() => same.CreateClient())));
    }

    [Fact]
    public async Task The_document_declares_the_bearer_key_and_requires_it_where_a_route_needs_a_key()
    {
        await using var app = new GatewayApp(deps, RealDependencies.NewNamespace("ops-doc"));
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
        var bearer = """[{"Bearer":[]}]""";
        foreach (var (path, method) in new[] { ("/v1/titles", "get"), ("/v1/metrics/performance", "get"), ("/v1/admin/titles", "get"), ("/v1/session", "get") })
        {
            Assert.Equal(bearer, document["paths"]![path]![method]!["security"]?.ToJsonString());
        }
        // Signing in takes the key in its body: the one route without a key.
        Assert.Null(document["paths"]!["/v1/session"]!["post"]!["security"]);
    }
}
