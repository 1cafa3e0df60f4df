using System.Net.Http.Json;
using Streaming.Tenancy;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The web origins of player keys on <c>POST /v1/admin/ingest-keys</c>: checked, normalized as browsers send them,
/// stored with the key and listed; refused for billing keys. Real Redis, a namespace of the test's own.
/// </summary>
public sealed class IngestKeyOriginsApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const string Route = "/v1/admin/ingest-keys";

    [Theory]
    [InlineData("https://player.example", "https://player.example")]
    [InlineData("HTTPS://Player.Example", "https://player.example")]
    [InlineData("https://player.example:443", "https://player.example")]
    [InlineData("http://player.example:80", "http://player.example")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("https://[::1]:8443", "https://[::1]:8443")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void An_origin_is_normalized_to_what_browsers_send(string given, string normalized) =>
        Assert.Equal(normalized, WebOrigins.Normalize(given));

    [Theory]
    [InlineData("")]
    [InlineData("player.example")]
    [InlineData("https://player.example/")]
    [InlineData("https://player.example/watch")]
    [InlineData("https://player.example?x=1")]
    [InlineData("https://player.example#top")]
    [InlineData("https://user@player.example")]
    [InlineData("https://player.example\\")]
    [InlineData(" https://player.example")]
    [InlineData("https://*.player.example")]
    [InlineData("ftp://player.example")]
    [InlineData("file:///tmp/page.html")]
    [InlineData("null")]
    [InlineData("*")]
    public void What_is_not_an_http_origin_is_refused(string given) => Assert.Null(WebOrigins.Normalize(given));

    [Fact]
    public async Task A_player_key_keeps_its_origins_normalized_and_without_duplicates_and_other_keys_list_none()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("origins"));
        var admin = app.CreateClient();

        var created = await admin.PostAsJsonAsync(Route, new
        {
            name = "web player", kind = "player", origins = new[] { "https://player.example", "HTTPS://Player.Example:443", "http://127.0.0.1:8080" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["keyId", "key"], (await created.Content.ReadFromJsonAsync<JsonObject>())!.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Route, new { name = "tv app", kind = "player" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Route, new { name = "billing", kind = "billing" })).StatusCode);

        var listed = (await admin.GetFromJsonAsync<JsonArray>(Route))!;
        Assert.Equal(
            ["web player: https://player.example, http://127.0.0.1:8080", "tv app: any", "billing: any"],
            listed.Select(k => $"{k!["name"]}: {(k["origins"] is JsonArray origins ? string.Join(", ", origins) : "any")}"));
        Assert.All(listed, k => Assert.Equal(["keyId", "name", "kind", "createdAt", "origins"], k!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task Origins_on_a_billing_key_or_not_an_origin_or_too_many_are_a_problem_naming_origins()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("origins-bad"));
        var admin = app.CreateClient();
        var twentyOne = Enumerable.Range(0, 21).Select(i => $"https://p{i}.example").ToArray();

        foreach (var body in new object[]
                 {
                     new { name = "billing", kind = "billing", origins = new[] { "https://player.example" } },
                     new { name = "web", kind = "player", origins = Array.Empty<string>() },
                     new { name = "web", kind = "player", origins = twentyOne },
                     new { name = "web", kind = "player", origins = new[] { "https://player.example", "https://player.example/watch" } },
                     new { name = "web", kind = "player", origins = new string?[] { null } },
                 })
        {
            var response = await admin.PostAsJsonAsync(Route, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["origins"], JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key));
        }
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Route, new { name = "web", kind = "player", origins = twentyOne[..20] })).StatusCode);
        Assert.Equal(20, (await admin.GetFromJsonAsync<JsonArray>(Route))!.Single()!["origins"]!.AsArray().Count);
    }
}
