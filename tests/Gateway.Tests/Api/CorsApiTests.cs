namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// CORS on the gateway: no origin by default (the dashboard is same-origin), only the configured ones otherwise, for
/// simple reads and for preflights of a read with a key (Authorization is not a simple header).
/// </summary>
public sealed class CorsApiTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private const string Allowed = "https://dashboard.example";

    private GatewayApp Start(string hint, string? origins = null) => new(dependencies, RealDependencies.NewNamespace(hint),
        origins is null ? null : new Dictionary<string, string?> { ["Gateway:AllowedOrigins"] = origins });

    private static async Task<HttpResponseMessage> ReadAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/titles") { Headers = { { "Origin", origin } } };
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient http, string origin, string method = "GET")
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/titles")
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", method }, { "Access-Control-Request-Headers", "authorization" } },
        };
        return await http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task By_default_no_origin_is_allowed_to_read_or_preflight()
    {
        await using var app = Start("cors-none");
        var http = app.CreateClient();

        var read = await ReadAsync(http, Allowed);
        var preflight = await PreflightAsync(http, Allowed);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // the browser, not the server, withholds the answer
        Assert.Null(Header(read, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task A_configured_origin_passes_the_preflight_of_a_keyed_read_and_reads()
    {
        await using var app = Start("cors-allowed", $"{Allowed}, https://ops.example");
        var http = app.CreateClient();

        var preflight = await PreflightAsync(http, Allowed);
        var read = await ReadAsync(http, "https://ops.example");

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Allowed, Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal("GET", Header(preflight, "Access-Control-Allow-Methods"));
        Assert.Equal("authorization", Header(preflight, "Access-Control-Allow-Headers"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("https://ops.example", Header(read, "Access-Control-Allow-Origin"));
        Assert.Equal("Content-Disposition,Retry-After", Header(read, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Another_origin_or_a_write_method_is_refused_at_the_preflight()
    {
        await using var app = Start("cors-refused", Allowed);
        var http = app.CreateClient();

        var otherOrigin = await PreflightAsync(http, "https://elsewhere.example");
        var write = await PreflightAsync(http, Allowed, "DELETE");
        var read = await ReadAsync(http, "https://elsewhere.example");

        Assert.Null(Header(otherOrigin, "Access-Control-Allow-Origin"));
        Assert.Null(Header(otherOrigin, "Access-Control-Allow-Headers"));
        // The browser compares the method with the list: DELETE is not on it.
        Assert.Equal("GET", Header(write, "Access-Control-Allow-Methods"));
        Assert.Null(Header(read, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://ok.example,ftp://files.example")]
    public async Task A_wildcard_or_malformed_origin_setting_stops_the_gateway_naming_the_key(string origins)
    {
        await using var app = Start("cors-bad", origins);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Gateway:AllowedOrigins", error.ToString());
    }
}
