using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Tests.Dashboard;

/// <summary>The web dashboard's files, served by the gateway beside its API.</summary>
public sealed partial class DashboardFilesTests(RealDependencies dependencies) : IClassFixture<RealDependencies>
{
    private GatewayApp Start(string hint) => new(dependencies, RealDependencies.NewNamespace(hint));

    [Fact]
    public async Task Root_is_the_dashboard_page_served_as_html_with_a_same_origin_policy()
    {
        await using var app = Start("dash-root");
        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Streaming analytics</title>", html);
        Assert.Contains("""<script type="module" src="js/main.js"></script>""", html);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Every_file_the_page_loads_is_served_with_its_content_type()
    {
        await using var app = Start("dash-assets");
        var types = new Dictionary<string, string> { [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml" };

        var files = await CrawlAsync(app.CreateClient());

        foreach (var (path, (status, type, _)) in files)
        {
            Assert.True(status == HttpStatusCode.OK, $"/{path} answered {(int)status}");
            Assert.True(types[Path.GetExtension(path)] == type, $"/{path} is served as {type}");
        }
        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal)
        {
            "css/dashboard.css", "favicon.svg", "js/main.js", "js/api.js", "js/chart.js", "js/performance.js",
            "js/engagement.js", "js/channels.js", "js/live.js",
        }, new SortedSet<string>(files.Keys, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_page_calls_only_routes_of_the_public_API()
    {
        await using var app = Start("dash-api");
        var http = app.CreateClient();
        using var openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var routes = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => Parameter().Replace(p.Name, "{}")).ToHashSet();

        var files = await CrawlAsync(http);
        var called = files.Where(f => f.Key.EndsWith(".js", StringComparison.Ordinal))
            .SelectMany(f => ApiPaths().Matches(f.Value.Body))
            .Select(m => "/" + Parameter().Replace(m.Groups["path"].Value, "{}"))
            .ToHashSet();

        Assert.Equal(
            ["/v1/live", "/v1/metrics/channels", "/v1/metrics/channels/{}", "/v1/metrics/engagement", "/v1/metrics/performance", "/v1/reports/earnings", "/v1/session", "/v1/titles"],
            called.Order(StringComparer.Ordinal));
        Assert.Subset(routes, called);
    }

    [Fact]
    public async Task The_page_leaves_the_API_the_OpenAPI_document_and_the_probes_as_they_were()
    {
        await using var app = Start("dash-routes");
        var http = app.CreateClient();

        var titles = await http.GetAsync("/v1/titles");
        Assert.Equal(HttpStatusCode.OK, titles.StatusCode);
        Assert.Equal("""{"titles":[]}""", await titles.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        var problem = await http.GetAsync("/v1/metrics/performance?tz=Mars/Olympus_Mons");
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        // No fallback to the page: an unknown path is still a 404, not index.html.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task The_API_reference_page_reads_the_OpenAPI_document_in_production_too_and_the_dashboard_keeps_its_policy()
    {
        await using var app = Start("dash-scalar");
        using var production = app.WithWebHostBuilder(host => host.UseEnvironment(Environments.Production));
        var http = production.CreateClient();

        await ApiReferencePage.AssertServedAsync(http);
        var root = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(root.Headers.GetValues("Content-Security-Policy")));
    }

    /// <summary>
    /// From the page, follows every local src and href, and every module's relative imports: each file's status,
    /// media type and text.
    /// </summary>
    private static async Task<SortedDictionary<string, (HttpStatusCode Status, string? Type, string Body)>> CrawlAsync(HttpClient http)
    {
        var pending = new Queue<string>(LocalReferences().Matches(await http.GetStringAsync("/")).Select(m => m.Groups["path"].Value));
        var files = new SortedDictionary<string, (HttpStatusCode, string?, string)>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (files.ContainsKey(path)) continue;
            var response = await http.GetAsync("/" + path);
            var body = await response.Content.ReadAsStringAsync();
            files[path] = (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                var directory = path[..(path.LastIndexOf('/') + 1)];
                foreach (Match import in ModuleImports().Matches(body)) pending.Enqueue(directory + import.Groups["path"].Value);
            }
        }
        return files;
    }

    /// <summary>src="..." and href="..." of the page that stay on the gateway (no scheme, no leading slash).</summary>
    [GeneratedRegex(@"(?:src|href)=""(?<path>[a-z][a-z0-9/._-]*\.(?:js|css|svg))""")]
    private static partial Regex LocalReferences();

    /// <summary>import ... from './x.js' in a module.</summary>
    [GeneratedRegex("""from '\./(?<path>[a-z0-9_-]+\.js)'""")]
    private static partial Regex ModuleImports();

    /// <summary>A quoted or templated URL of the API in a module: 'v1/titles', `v1/metrics/channels/${id}`.</summary>
    [GeneratedRegex("""['`](?<path>v1/[a-z/]*[a-z](?:/\$\{[^}]+\})?)""")]
    private static partial Regex ApiPaths();

    /// <summary>A route parameter, {channelId} or ${...}, so both spellings compare.</summary>
    [GeneratedRegex("""\$?\{[^}]+\}""")]
    private static partial Regex Parameter();
}
