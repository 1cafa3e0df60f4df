using System.Net;
using System.Text.RegularExpressions;
using Streaming.Gateway.Dashboard;
using Streaming.Gateway.Tests.Api;
using Streaming.TestSupport;

namespace Streaming.Gateway.Tests.Dashboard;

/// <summary>The web dashboard's files, served by the gateway beside its API.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed partial class DashboardFilesTests(RealDependencies dependencies)
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
        Assert.Equal(DashboardFiles.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Every_file_the_page_loads_is_served_with_its_content_type()
    {
        await using var app = Start("dash-assets");
        var http = app.CreateClient();
        var types = new Dictionary<string, string> { [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml" };

        // From the page, follow every local src and href, and every module's relative imports.
        var pending = new Queue<string>(LocalReferences().Matches(await http.GetStringAsync("/")).Select(m => m.Groups["path"].Value));
        var served = new SortedSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (!served.Add(path)) continue;
            var response = await http.GetAsync("/" + path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{path} answered {(int)response.StatusCode}");
            Assert.Equal(types[Path.GetExtension(path)], response.Content.Headers.ContentType?.MediaType);
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                var directory = path[..(path.LastIndexOf('/') + 1)];
                foreach (Match import in ModuleImports().Matches(await response.Content.ReadAsStringAsync()))
                {
                    pending.Enqueue(directory + import.Groups["path"].Value);
                }
            }
        }

        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal)
        {
            "css/dashboard.css", "favicon.svg", "js/main.js", "js/api.js", "js/chart.js", "js/performance.js",
            "js/engagement.js", "js/channels.js", "js/live.js",
        }, served);
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

    /// <summary>src="..." and href="..." of the page that stay on the gateway (no scheme, no leading slash).</summary>
    [GeneratedRegex(@"(?:src|href)=""(?<path>[a-z][a-z0-9/._-]*\.(?:js|css|svg))""")]
    private static partial Regex LocalReferences();

    /// <summary>import ... from './x.js' in a module.</summary>
    [GeneratedRegex("""from '\./(?<path>[a-z0-9_-]+\.js)'""")]
    private static partial Regex ModuleImports();
}
