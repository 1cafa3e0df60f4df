using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Streaming.Integration.Tests;

/// <summary>
/// Keys and the catalog end to end, set up as an operator does, through the gateway's admin API (not the tests'
/// <see cref="TestTenancy"/> step): ingest, a separate process in production, learns of them by its own refresh.
/// </summary>
public sealed class CatalogEndToEndTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const string NotInCatalog = "titleId: not in the catalog (the operator registers it: PUT /v1/admin/titles/{id})";

    [Fact]
    public async Task Events_of_a_title_outside_the_catalog_are_rejected_alone_and_the_others_are_counted_exactly()
    {
        await using var pipeline = new Pipeline(deps, "catalog");
        pipeline.StartSessionization();
        var admin = pipeline.Gateway; // no key of its own: the tests' operator key
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = "acme", name = "Acme" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/admin/titles/A", new { distributorId = "acme" })).StatusCode);
        var created = await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "tv app", kind = "player" });
        var playerKey = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["key"]!;

        // Until ingest's refresh brings the key, it answers 401 and nothing is sent; resending is always safe.
        var answer = await Eventually.UntilAsync(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events/playback") { Content = JsonContent.Create(TwoTitles()) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", playerKey);
            var response = await pipeline.Ingest.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }, r => r.StatusCode != HttpStatusCode.Unauthorized, "ingest to know the new player key", TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        // TwoTitles: a1-a7 of title A (indexes 0-6), b1-b5 of title B (7-11), which is not in the catalog.
        var rejected = string.Join(",", Enumerable.Range(7, 5).Select(i => $$"""{"index":{{i}},"errors":["{{NotInCatalog}}"]}"""));
        JsonAssert.Equal($$"""{"accepted":7,"rejectedCount":5,"rejectedOmitted":0,"rejected":[{{rejected}}]}""", answer.Body);
        await pipeline.WaitForProcessedAsync(7);
        // Title A as EndToEndTests count it, 2.00 min and 3 streams; nothing of B anywhere, the all-titles totals included.
        var all = await pipeline.QueryAsync("from=2026-11-20&to=2026-11-20&granularity=total&groupBy=title");
        Assert.Equal("""{"minutesStreamed":2.00,"uniqueStreams":3}""", Pipeline.Compact(all["totals"]));
        Assert.Equal(["A"], all["groups"]!.AsArray().Select(g => (string?)g!["key"]));
    }
}
