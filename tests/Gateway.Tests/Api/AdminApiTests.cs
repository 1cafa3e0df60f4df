using System.Net.Http.Headers;
using System.Net.Http.Json;
using Streaming.Tenancy;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The admin API and key checks of the gateway, for real (hosts without <see cref="TestTenancy"/>), on the real Redis
/// under a namespace of the test's own.
/// </summary>
public sealed class AdminApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private static HttpClient Client(GatewayApp app, string? key)
    {
        var client = app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        return body.Length == 0 ? JsonValue.Create("")! : JsonNode.Parse(body)!;
    }

    /// <summary>Asserts a problem+json answer of <paramref name="status"/> whose errors name exactly <paramref name="field"/>.</summary>
    private static async Task ExpectFieldProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await ExpectAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Distributors_keys_and_the_catalog_round_trip_and_secrets_are_stored_only_as_hashes()
    {
        var ns = RealDependencies.NewNamespace("admin");
        await using var app = new GatewayApp(dependencies, ns, tenancy: false);
        var admin = Client(app, TestTenancy.OperatorKey);

        var created = await ExpectAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "acme", name = "Acme Films" }), HttpStatusCode.Created);
        Assert.Equal(["distributorId", "keyId", "accessKey"], created.AsObject().Select(p => p.Key));
        Assert.Equal("acme", (string)created["distributorId"]!);
        var firstKeyId = (string)created["keyId"]!;
        var firstKey = (string)created["accessKey"]!;
        Assert.StartsWith(firstKeyId + ".", firstKey);

        var second = await ExpectAsync(await admin.PostAsync("/v1/admin/distributors/acme/keys", null), HttpStatusCode.Created);
        Assert.Equal(["keyId", "accessKey"], second.AsObject().Select(p => p.Key));
        var secondKey = (string)second["accessKey"]!;

        var listed = await ExpectAsync(await admin.GetAsync("/v1/admin/distributors/acme/keys"), HttpStatusCode.OK);
        Assert.Equal([firstKeyId, (string)second["keyId"]!], listed.AsArray().Select(k => (string)k!["keyId"]!));
        Assert.All(listed.AsArray(), k => Assert.Equal(["keyId", "createdAt"], k!.AsObject().Select(p => p.Key)));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/admin/titles/movie-1", new { distributorId = "acme", name = "Movie One" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/admin/titles/movie-2", new { distributorId = "acme" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/admin/channels/ch-1", new { distributorId = "acme", name = "Channel One" })).StatusCode);
        JsonAssert.Equal(
            """[{"titleId":"movie-1","distributorId":"acme","name":"Movie One"},{"titleId":"movie-2","distributorId":"acme","name":null}]""",
            await ExpectAsync(await admin.GetAsync("/v1/admin/titles"), HttpStatusCode.OK));
        JsonAssert.Equal("""[{"channelId":"ch-1","distributorId":"acme","name":"Channel One"}]""",
            await ExpectAsync(await admin.GetAsync("/v1/admin/channels"), HttpStatusCode.OK));

        var ingest = await ExpectAsync(await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "web player", kind = "player" }), HttpStatusCode.Created);
        Assert.Equal(["keyId", "key"], ingest.AsObject().Select(p => p.Key));
        var ingestKey = (string)ingest["key"]!;

        // Redis holds every key's SHA-256 and no secret, nor a whole key.
        var stored = await StoredTextAsync(ns);
        foreach (var key in new[] { firstKey, secondKey, ingestKey })
        {
            var secret = key.Split('.', 2)[1];
            Assert.DoesNotContain(secret, stored);
            Assert.Contains(AccessToken.HashHex(secret), stored);
        }
        // Nor does any list answer.
        var lists = await admin.GetStringAsync("/v1/admin/distributors/acme/keys") + await admin.GetStringAsync("/v1/admin/ingest-keys");
        Assert.DoesNotContain(firstKey.Split('.', 2)[1], lists);
        Assert.DoesNotContain(ingestKey.Split('.', 2)[1], lists);

        // Both access keys read; the revoked one no more, at once on the gateway that revoked it.
        Assert.Equal(HttpStatusCode.OK, (await Client(app, firstKey).GetAsync("/v1/titles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(app, secondKey).GetAsync("/v1/titles")).StatusCode);
        await ExpectAsync(await admin.DeleteAsync($"/v1/admin/keys/{firstKeyId}"), HttpStatusCode.NoContent);
        await ExpectAsync(await Client(app, firstKey).GetAsync("/v1/titles"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Client(app, secondKey).GetAsync("/v1/titles")).StatusCode);
        Assert.Equal([(string)second["keyId"]!],
            (await ExpectAsync(await admin.GetAsync("/v1/admin/distributors/acme/keys"), HttpStatusCode.OK)).AsArray().Select(k => (string)k!["keyId"]!));
        await ExpectFieldProblemAsync(await admin.DeleteAsync($"/v1/admin/keys/{firstKeyId}"), HttpStatusCode.NotFound, "keyId");
    }

    /// <summary>Every field and value of every tenancy key of the namespace, as one text.</summary>
    private async Task<string> StoredTextAsync(string ns)
    {
        var db = dependencies.Redis.GetDatabase();
        var keys = new TenancyKeys(ns + ".");
        var text = new StringBuilder((string?)await db.StringGetAsync(keys.Version));
        foreach (var hash in new[] { keys.Distributors, keys.Titles, keys.Channels, keys.Keys })
        {
            foreach (var entry in await db.HashGetAllAsync(hash)) text.Append(entry.Name).Append('=').Append(entry.Value).Append('\n');
        }
        Assert.Contains("\"secretSha256\"", text.ToString());
        return text.ToString();
    }

    [Fact]
    public async Task Bad_admin_requests_are_problems_naming_the_field()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("admin-bad"), tenancy: false);
        var admin = Client(app, TestTenancy.OperatorKey);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "acme", name = "Acme" })).StatusCode);

        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "acme", name = "Again" }), HttpStatusCode.Conflict, "distributorId");
        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "", name = "X" }), HttpStatusCode.BadRequest, "distributorId");
        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "a\u001fb", name = "X" }), HttpStatusCode.BadRequest, "distributorId");
        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = new string('x', 129), name = "X" }), HttpStatusCode.BadRequest, "distributorId");
        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "other" }), HttpStatusCode.BadRequest, "name");
        await ExpectFieldProblemAsync(await admin.PostAsync("/v1/admin/distributors/nobody/keys", null), HttpStatusCode.NotFound, "distributorId");
        await ExpectFieldProblemAsync(await admin.GetAsync("/v1/admin/distributors/nobody/keys"), HttpStatusCode.NotFound, "distributorId");
        await ExpectFieldProblemAsync(await admin.PutAsJsonAsync("/v1/admin/titles/movie-1", new { distributorId = "nobody" }), HttpStatusCode.UnprocessableEntity, "distributorId");
        await ExpectFieldProblemAsync(await admin.PutAsJsonAsync("/v1/admin/titles/movie-1", new { name = "No owner" }), HttpStatusCode.BadRequest, "distributorId");
        await ExpectFieldProblemAsync(await admin.PutAsJsonAsync("/v1/admin/channels/ch-1", new { distributorId = "nobody" }), HttpStatusCode.UnprocessableEntity, "distributorId");
        await ExpectFieldProblemAsync(await admin.PutAsJsonAsync("/v1/admin/titles/" + new string('t', 129), new { distributorId = "acme" }), HttpStatusCode.BadRequest, "titleId");
        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "tv", kind = "admin" }), HttpStatusCode.BadRequest, "kind");
        await ExpectFieldProblemAsync(await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { kind = "player" }), HttpStatusCode.BadRequest, "name");
        await ExpectFieldProblemAsync(await admin.DeleteAsync("/v1/admin/keys/ak_nothing"), HttpStatusCode.NotFound, "keyId");
        JsonAssert.Equal("[]", await ExpectAsync(await admin.GetAsync("/v1/admin/titles"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task Admin_routes_need_the_operator_key_and_reads_a_reader_key()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("admin-auth"), tenancy: false);
        var admin = Client(app, TestTenancy.OperatorKey);
        var access = (string)(await ExpectAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "acme", name = "Acme" }), HttpStatusCode.Created))["accessKey"]!;
        var player = (string)(await ExpectAsync(await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "tv", kind = "player" }), HttpStatusCode.Created))["key"]!;

        foreach (var (key, status) in new (string?, HttpStatusCode)[]
                 {
                     (null, HttpStatusCode.Unauthorized), ("ak_unknown.secret", HttpStatusCode.Unauthorized),
                     (access, HttpStatusCode.Forbidden), (player, HttpStatusCode.Forbidden),
                 })
        {
            var client = Client(app, key);
            await ExpectAsync(await client.GetAsync("/v1/admin/titles"), status);
            await ExpectAsync(await client.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "evil", name = "Evil" }), status);
            var problem = await client.PutAsJsonAsync("/v1/admin/titles/movie-1", new { distributorId = "acme" });
            Assert.Equal(status, problem.StatusCode);
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        }
        JsonAssert.Equal("[]", await ExpectAsync(await admin.GetAsync("/v1/admin/titles"), HttpStatusCode.OK));

        foreach (var route in new[] { "/v1/titles", "/v1/metrics/performance", "/v1/metrics/channels", "/v1/metrics/engagement?month=2026-11&territory=US", "/v1/reports/earnings?month=2026-11" })
        {
            await ExpectAsync(await Client(app, null).GetAsync(route), HttpStatusCode.Unauthorized);
            await ExpectAsync(await Client(app, player).GetAsync(route), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, (await Client(app, access).GetAsync(route)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Client(app, TestTenancy.OperatorKey).GetAsync(route)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await Client(app, null).GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task A_key_created_and_revoked_through_one_gateway_is_seen_by_another_within_5_seconds()
    {
        var ns = RealDependencies.NewNamespace("admin-two");
        await using var one = new GatewayApp(dependencies, ns, tenancy: false);
        await using var other = new GatewayApp(dependencies, ns, tenancy: false);
        var admin = Client(one, TestTenancy.OperatorKey);
        var created = await ExpectAsync(await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "acme", name = "Acme" }), HttpStatusCode.Created);
        var reader = Client(other, (string)created["accessKey"]!);

        await Eventually.UntilAsync(async () => (await reader.GetAsync("/v1/titles")).StatusCode, s => s == HttpStatusCode.OK,
            "the other gateway to accept the new key", TimeSpan.FromSeconds(5));
        await ExpectAsync(await admin.DeleteAsync($"/v1/admin/keys/{(string)created["keyId"]!}"), HttpStatusCode.NoContent);
        await Eventually.UntilAsync(async () => (await reader.GetAsync("/v1/titles")).StatusCode, s => s == HttpStatusCode.Unauthorized,
            "the other gateway to refuse the revoked key", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_admin_routes_are_in_the_openapi_document()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("admin-doc"), tenancy: false);

        var document = await app.CreateClient().SendAsync(OperatorEndpoints.Get("/openapi/v1.json", TestTenancy.OperatorKey)); // the operator's
        var paths = JsonNode.Parse(await document.Content.ReadAsStringAsync())!["paths"]!.AsObject();

        Assert.Equal(
            ["/v1/admin/channels", "/v1/admin/channels/{channelId}", "/v1/admin/distributors", "/v1/admin/distributors/{distributorId}/keys",
             "/v1/admin/ingest-keys", "/v1/admin/keys/{keyId}", "/v1/admin/titles", "/v1/admin/titles/{titleId}"],
            paths.Select(p => p.Key).Where(p => p.StartsWith("/v1/admin", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var answers = paths["/v1/admin/distributors"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.Subset(answers.ToHashSet(), new HashSet<string> { "201", "401", "403" });
    }

    [Fact]
    public void Without_an_operator_key_the_gateway_refuses_to_start_naming_the_setting()
    {
        using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("admin-nokey"),
            new Dictionary<string, string?> { ["Auth:OperatorKey"] = "" }, tenancy: false);

        Assert.Contains("Auth:OperatorKey is invalid: missing", StartupFailure.Messages(Assert.ThrowsAny<Exception>(() => app.CreateClient())));
    }
}
