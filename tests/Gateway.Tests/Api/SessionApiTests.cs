using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The dashboard's session under <c>/v1/session</c>, for real (hosts without <see cref="TestTenancy"/>) on the real
/// Redis: the cookie's attributes exactly, sign-in and sign-out, the keys refused, reads with only the cookie, and a
/// revoked key's session ending with the key. Cookies are sent and read by hand, so every attribute is seen.
/// </summary>
public sealed class SessionApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const string Cleared = "streaming_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; samesite=strict; httponly";

    private static HttpClient Client(GatewayApp app, string baseAddress = "http://localhost") =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    private static HttpClient Operator(GatewayApp app)
    {
        var client = Client(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTenancy.OperatorKey);
        return client;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string? key) => http.PostAsJsonAsync("/v1/session", new { key });

    private static async Task<HttpResponseMessage> WithCookieAsync(HttpClient http, HttpMethod method, string url, string key)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", $"{ClientCredential.SessionCookie}={Uri.EscapeDataString(key)}");
        return await http.SendAsync(request);
    }

    private static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static async Task ExpectFieldProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(SetCookies(response));
    }

    private static async Task<string> NewAccessKeyAsync(HttpClient admin, string distributorId)
    {
        var created = await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId, name = distributorId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["accessKey"]!;
    }

    [Fact]
    public async Task An_access_key_signs_in_to_an_HttpOnly_Strict_cookie_that_reads_alone_and_sign_out_clears_it()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("session"), tenancy: false);
        var admin = Operator(app);
        var key = await NewAccessKeyAsync(admin, "acme");
        var http = Client(app);

        var signedIn = await SignInAsync(http, key);

        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Equal([$"streaming_session={Uri.EscapeDataString(key)}; path=/; samesite=strict; httponly"], SetCookies(signedIn));

        var session = await WithCookieAsync(http, HttpMethod.Get, "/v1/session", key);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        JsonAssert.Equal("""{"distributorId":"acme"}""", await session.Content.ReadAsStringAsync());
        // Reads with nothing but the cookie; without it, none.
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(http, HttpMethod.Get, "/v1/titles", key)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/titles")).StatusCode);
        // Not the admin API: the cookie carries what the key may do, no more.
        Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync(http, HttpMethod.Get, "/v1/admin/titles", key)).StatusCode);

        var signedOut = await WithCookieAsync(http, HttpMethod.Delete, "/v1/session", key);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal([Cleared], SetCookies(signedOut));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/session")).StatusCode);
    }

    [Fact]
    public async Task The_operator_key_signs_in_as_null_and_the_cookie_is_Secure_under_HTTPS()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("session-op"), tenancy: false);
        var https = Client(app, "https://localhost");

        var signedIn = await SignInAsync(https, TestTenancy.OperatorKey);

        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Equal([$"streaming_session={TestTenancy.OperatorKey}; path=/; secure; samesite=strict; httponly"], SetCookies(signedIn));
        var session = await WithCookieAsync(https, HttpMethod.Get, "/v1/session", TestTenancy.OperatorKey);
        JsonAssert.Equal("""{"distributorId":null}""", await session.Content.ReadAsStringAsync());
        Assert.Equal([Cleared.Replace("path=/;", "path=/; secure;", StringComparison.Ordinal)], SetCookies(await https.DeleteAsync("/v1/session")));
    }

    [Fact]
    public async Task Ingest_keys_are_refused_403_unknown_and_missing_keys_401_and_400_and_sign_in_takes_only_json()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("session-refused"), tenancy: false);
        var admin = Operator(app);
        var http = Client(app);
        foreach (var kind in KeyKinds.Ingest)
        {
            var issued = await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = kind, kind });
            var ingestKey = (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["key"]!;
            await ExpectFieldProblemAsync(await SignInAsync(http, ingestKey), HttpStatusCode.Forbidden, "key");
            // Nor does such a key, put into the cookie by hand, read anything.
            Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync(http, HttpMethod.Get, "/v1/session", ingestKey)).StatusCode);
        }
        var accessKey = await NewAccessKeyAsync(admin, "acme");

        await ExpectFieldProblemAsync(await SignInAsync(http, accessKey + "x"), HttpStatusCode.Unauthorized, "key");
        await ExpectFieldProblemAsync(await SignInAsync(http, "ak_nobody.secret"), HttpStatusCode.Unauthorized, "key");
        await ExpectFieldProblemAsync(await SignInAsync(http, null), HttpStatusCode.BadRequest, "key");
        await ExpectFieldProblemAsync(await SignInAsync(http, ""), HttpStatusCode.BadRequest, "key");
        // A form post (what another site could send without a preflight) is not a sign-in.
        var form = await http.PostAsync("/v1/session", new StringContent($$"""{"key":"{{accessKey}}"}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Empty(SetCookies(form));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(http, HttpMethod.Get, "/v1/session", "ak_nobody.secret")).StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_session_within_5_seconds()
    {
        await using var app = new GatewayApp(dependencies, RealDependencies.NewNamespace("session-revoke"), tenancy: false);
        var admin = Operator(app);
        var key = await NewAccessKeyAsync(admin, "acme");
        var http = Client(app);
        Assert.Equal(HttpStatusCode.NoContent, (await SignInAsync(http, key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(http, HttpMethod.Get, "/v1/titles", key)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/admin/keys/{key.Split('.')[0]}")).StatusCode);

        var started = TimeProvider.System.GetTimestamp();
        await Eventually.UntilAsync(async () => (await WithCookieAsync(http, HttpMethod.Get, "/v1/titles", key)).StatusCode == HttpStatusCode.Unauthorized,
            "the revoked key's session to be refused", TimeSpan.FromSeconds(5));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(http, HttpMethod.Get, "/v1/session", key)).StatusCode);
    }
}
