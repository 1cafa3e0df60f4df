namespace Streaming.Gateway.Tests.Api;

/// <summary>The gateway's answers, checked the way every API test checks them.</summary>
internal static class GatewayAnswers
{
    /// <summary>The body of a 200 JSON answer; a failure shows the status and the body.</summary>
    public static async Task<string> GetJsonAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Asserts a 400 problem-details answer whose errors name exactly <paramref name="parameters"/>, in any order.</summary>
    public static async Task AssertBadParametersAsync(HttpResponseMessage response, params string[] parameters)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(parameters.Order(StringComparer.Ordinal), problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
