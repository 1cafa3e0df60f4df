using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// Bodies the framework cannot bind (not JSON, a value of the wrong type, the wrong media type) answer problem+json
/// naming the field, like the gateway's own checks, and change nothing: the sign-in sets no cookie, the admin API
/// creates no distributor. The gateway in the Production environment, without <see cref="TestTenancy"/>, on the real Redis.
/// </summary>
public sealed class UnboundRequestApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static async Task ExpectFieldProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    /// <summary>The gateway as deployed: in Development the framework throws on these requests by default anyway.</summary>
    private static WebApplicationFactory<Program> Production(GatewayApp app) =>
        app.WithWebHostBuilder(b => b.UseEnvironment(Environments.Production));

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("{\"key\": ", "key")]
    [InlineData("[1, 2]", "body")]
    [InlineData("{\"key\": 42}", "key")]
    [InlineData("{\"key\": {\"nested\": true}}", "key")]
    public async Task A_sign_in_body_that_does_not_bind_answers_400_naming_the_field(string body, string field)
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("unbound"), tenancy: false);
        using var production = Production(app);
        var http = production.CreateClient();

        await ExpectFieldProblemAsync(await http.PostAsync("/v1/session", Json(body)), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_sign_in_body_that_is_not_JSON_answers_415_naming_the_body()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("unbound"), tenancy: false);
        using var production = Production(app);
        var http = production.CreateClient();

        var response = await http.PostAsync("/v1/session", new StringContent("key=abc", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ExpectFieldProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "body");
    }

    [Fact]
    public async Task An_admin_body_with_a_wrong_type_names_its_field_and_creates_nothing()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("unbound"), tenancy: false);
        using var production = Production(app);
        var admin = production.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTenancy.OperatorKey);

        await ExpectFieldProblemAsync(
            await admin.PostAsync("/v1/admin/distributors", Json("{\"distributorId\": \"acme\", \"name\": [\"Acme\"]}")),
            HttpStatusCode.BadRequest, "name");
        await ExpectFieldProblemAsync(
            await admin.PostAsync("/v1/admin/ingest-keys", Json("{\"name\": \"web\", \"kind\": \"player\", \"origins\": [\"https://a.example\", 7]}")),
            HttpStatusCode.BadRequest, "origins[1]");

        var distributors = await admin.GetAsync("/v1/admin/distributors");
        Assert.Equal(HttpStatusCode.OK, distributors.StatusCode);
        JsonAssert.Equal("[]", await distributors.Content.ReadAsStringAsync());
    }
}
