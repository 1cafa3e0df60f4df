namespace Streaming.TestSupport;

/// <summary>What a service's API reference page must be: HTML whose scripts the service serves, reading its OpenAPI document.</summary>
public static class ApiReferencePage
{
    public static async Task AssertServedAsync(HttpClient http)
    {
        var page = await http.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("""<script src="scalar.js"></script>""", html);
        Assert.DoesNotContain("http", html); // nothing from another origin
        // The page resolves the document's URL against the service root (the path without /scalar/).
        Assert.Contains("""{"title":"v1","url":"openapi/v1.json"}""", html);

        var script = await http.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var document = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("\"openapi\"", await document.Content.ReadAsStringAsync());
    }
}
