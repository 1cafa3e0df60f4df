using Streaming.Ingest.Tests.Endpoints;
using Streaming.Tenancy;

namespace Streaming.Ingest.Tests.Operators;

/// <summary>
/// /metrics, the OpenAPI document and the API reference page of ingest: the operator's on its own port (player,
/// billing and access keys get 403), anybody's on the management port, which takes no events. Real key checks.
/// </summary>
public sealed class OperatorEndpointTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private IngestFactory Host() => new(deps.ServiceSettings($"t-ingest-ops-{Guid.NewGuid():N}"), tenancy: false);

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task Operator_endpoints_answer_the_operator_key_only(string path)
    {
        using var host = Host();
        var http = host.CreateClient();
        var player = await TestTenancy.IngestKeyAsync(host.Services, KeyKinds.Player);
        var billing = await TestTenancy.IngestKeyAsync(host.Services, KeyKinds.Billing);
        var access = await TestTenancy.AccessKeyAsync(host.Services);

        await OperatorEndpoints.AssertOperatorOnlyAsync(http, path, player, billing, access);
        // A player key may come as the key query parameter (sendBeacon); it opens nothing more there.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"{path}?key={Uri.EscapeDataString(player)}")).StatusCode);
    }

    [Fact]
    public async Task The_management_port_serves_the_operator_endpoints_without_a_key_and_takes_no_events()
    {
        var (host, own, management) = OperatorEndpoints.ServeWithManagementPort(Host());
        await using var _ = host;
        var player = await TestTenancy.IngestKeyAsync(host.Services, KeyKinds.Player);

        foreach (var path in new[] { "/metrics", "/openapi/v1.json", "/scalar/", "/alive" })
        {
            Assert.True((await management.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{path} on the management port");
        }
        var post = new HttpRequestMessage(HttpMethod.Post, "/v1/events/playback") { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        post.Headers.Authorization = new("Bearer", player);
        Assert.Equal(HttpStatusCode.NotFound, (await management.SendAsync(post)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task The_document_declares_the_bearer_key_and_requires_it_on_both_routes()
    {
        using var host = Host();
        var answer = await host.CreateClient().SendAsync(OperatorEndpoints.Get("/openapi/v1.json", TestTenancy.OperatorKey));
        var document = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

        Assert.Equal("""{"type":"http","description":"A key issued by the operator (or the operator key): Authorization: Bearer \u003Ckey\u003E.","scheme":"bearer"}""",
            document["components"]!["securitySchemes"]!["Bearer"]!.ToJsonString());
        foreach (var route in new[] { "/v1/events/playback", "/v1/events/subscription" })
        {
            Assert.Equal("""[{"Bearer":[]}]""", document["paths"]![route]!["post"]!["security"]?.ToJsonString());
        }
    }
}
