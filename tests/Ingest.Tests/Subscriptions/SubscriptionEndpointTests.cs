using Streaming.Ingest.Tests.Endpoints;
using static Streaming.Ingest.Tests.Subscriptions.SubscriptionEvents;

namespace Streaming.Ingest.Tests.Subscriptions;

/// <summary>The subscription route gives the playback route's answers, limits and errors, on its own events.</summary>
public sealed class SubscriptionEndpointTests
{
    private const string Route = "/v1/events/subscription";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static (IngestFactory Host, RecordingSubscriptionPublisher Publisher, HttpClient Client) Start(Dictionary<string, string?>? settings = null)
    {
        var host = new IngestFactory(settings);
        var publisher = new RecordingSubscriptionPublisher();
        return (host, publisher, publisher.Replacing(host).CreateClient());
    }

    [Fact]
    public async Task Mixed_batch_is_202_listing_rejected_indexes_and_only_valid_events_are_published()
    {
        var (host, publisher, client) = Start();
        using var _ = host;
        var body = Array(
            Subscription("s-0"),
            Subscription("s-1").With("type", "upgraded"),
            Subscription("s-2", type: "cancelled"),
            Subscription("s-3").Without("channelId").With("occurredAt", "2025-02-28T23:30:00"));

        var response = await client.PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            """{"accepted":2,"rejectedCount":2,"rejectedOmitted":0,"rejected":[{"index":1,"errors":["type: required, one of trial_started, paid_started, cancelled"]},{"index":3,"errors":["occurredAt: required ISO-8601 date-time with offset (Z or ±hh:mm)","channelId: required string of 1-128 characters"]}]}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal([SubscriptionAccepted("s-0"), SubscriptionAccepted("s-2", type: "cancelled")], Assert.Single(publisher.Batches));
    }

    [Fact]
    public async Task Single_object_is_a_batch_of_one()
    {
        var (host, publisher, client) = Start();
        using var _ = host;

        var response = await client.PostAsync(Route, Json(Subscription().ToJsonString()));

        Assert.Equal("""{"accepted":1,"rejectedCount":0,"rejectedOmitted":0,"rejected":[]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal([SubscriptionAccepted()], Assert.Single(publisher.Batches));
    }

    [Theory]
    [InlineData("[{\"eventId\":", "not valid JSON: ")]
    [InlineData("\"trial_started\"", "must be a JSON array of event objects or one event object, not a string")]
    public async Task Body_that_is_not_a_batch_is_400_problem_naming_the_body(string body, string error)
    {
        var (host, publisher, client) = Start();
        using var _ = host;

        var response = await client.PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith(error, Assert.Single(problem.GetProperty("errors").GetProperty("body").EnumerateArray()).GetString());
        Assert.Empty(publisher.Batches);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem()
    {
        var body = Array(Subscription("s-0"), Subscription("s-1"));
        var (host, publisher, client) = Start(new() { ["Ingest:MaxBodyBytes"] = (Encoding.UTF8.GetByteCount(body) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var _ = host;

        var response = await client.PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(publisher.Batches);
    }

    [Fact]
    public async Task Broker_failure_is_503_problem_with_retry_after()
    {
        var (host, publisher, client) = Start(new() { ["Ingest:RetryAfterSeconds"] = "9" });
        using var _ = host;
        publisher.Confirm = _ => Task.FromException(new InvalidOperationException("broker unreachable"));

        var response = await client.PostAsync(Route, Json(Subscription().ToJsonString()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Subscription_events_posted_to_the_playback_route_are_rejected_there()
    {
        var (host, publisher, client) = Start();
        using var _ = host;

        var response = await client.PostAsync("/v1/events/playback", Json(Subscription().ToJsonString()));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(0, (int)answer["accepted"]!);
        Assert.Empty(publisher.Batches);
        Assert.Empty(host.Publisher.Batches);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_subscription_route()
    {
        var (host, _, client) = Start();
        using var _ = host;

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty(Route).GetProperty("post");
        Assert.Equal("IngestSubscriptionEvents", operation.GetProperty("operationId").GetString());
        Assert.Equal("Accept a batch of channel subscription events", operation.GetProperty("summary").GetString());
        Assert.Equal(["202", "400", "401", "403", "413", "503"], operation.GetProperty("responses").EnumerateObject().Select(p => p.Name));
        var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("array", schema.GetProperty("type").GetString());
    }
}
