namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>Bodies the generated hostile requests (HostileIngestTests) once answered with 500, each pinned down here.</summary>
public sealed class HostileBodyTests
{
    private const string Route = "/v1/events/playback";

    [Theory]
    [InlineData("""[{"eventI\ud800":"e-1"}]""")]
    [InlineData("""[{"\udc00\ud800x":1}]""")]
    [InlineData("""[{"eventId":"e-1","extra":{"a\udfff":[{"titleI\ud800d":2}]}}]""")]
    public async Task Property_name_with_an_unpaired_surrogate_escape_is_400_naming_the_body(string body)
    {
        using var factory = new IngestFactory();

        var response = await factory.CreateClient().PostAsync(Route, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("not valid JSON: a property name with escapes is not valid Unicode (e.g. \\ud800, half of a surrogate pair)",
            Assert.Single(errors.GetProperty("body").EnumerateArray()).GetString());
        Assert.Empty(factory.Publisher.Batches);
    }

    [Fact]
    public async Task Property_names_with_paired_or_ordinary_escapes_are_read_as_their_text()
    {
        using var factory = new IngestFactory();
        // "\u0065ventId" is eventId, and a surrogate pair in an unknown property's name is just an unknown property.
        var body = Minimal().ToJsonString().Replace("\"eventId\"", "\"\\u0065ventId\"").Replace("{", "{\"\\ud83c\\udfac\":1,");

        var response = await factory.CreateClient().PostAsync(Route, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([MinimalAccepted()], Assert.Single(factory.Publisher.Batches));
    }
}
