using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using Streaming.Ingest.Tests.Endpoints;
using Streaming.Ingest.Tests.Subscriptions;
using Streaming.TestSupport.Hostile;

namespace Streaming.Ingest.Tests.Hostile;

/// <summary>
/// Thousands of generated requests to both routes of one ingest in memory (TestSupport/Hostile: malformed, nested and
/// undecodable JSON, wrong types, huge values, control and bidirectional characters, absurd dates, too many events or
/// bytes), about half their events valid. Every answer must be the problem or the exact rejections the generator
/// expects, within 10 s, and the broker must be handed exactly the valid events, in request order.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class HostileIngestTests
{
    private const int Requests = 5_000;

    [Fact]
    public async Task Every_generated_request_gets_its_problem_or_its_exact_rejections_and_only_valid_events_are_published()
    {
        using var host = new IngestFactory();
        var subscriptions = new RecordingSubscriptionPublisher();
        using var app = subscriptions.Replacing(host);
        var client = app.CreateClient();
        var limits = new IngestLimits();
        var answered = new ConcurrentDictionary<int, IngestRequest>();

        var failures = await HostileRun.SendAsync(IngestCases.Any(limits), Requests, parallel: 4, TimeSpan.FromSeconds(10), async (c, n, token) =>
        {
            var request = c.Render(n);
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = new ByteArrayContent(request.Body) };
            if (request.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            using var response = await client.SendAsync(message, token);
            var failure = await IngestAnswerCheck.CheckAsync(request, response, limits);
            if (failure is null && request.Status == 202) answered[n] = request;
            return failure;
        }, c => $"{c.Route} {c.Note}");

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} answers were wrong:\n" + string.Join("\n", failures.Take(20)));
        AssertPublished(answered, IngestCases.Playback, host.Publisher.Batches.Select(b => b.Select(Fields).ToList()));
        AssertPublished(answered, IngestCases.Subscription, subscriptions.Batches.Select(b => b.Select(Fields).ToList()));
    }

    /// <summary>One publish per request with a valid event, holding its valid events in order, field for field.</summary>
    private static void AssertPublished(IReadOnlyDictionary<int, IngestRequest> answered, string route, IEnumerable<List<string>> batches)
    {
        var expected = answered
            .Where(a => a.Value.Path.StartsWith(route, StringComparison.Ordinal) && a.Value.Valid.Any())
            .ToDictionary(a => a.Key, a => a.Value.Valid.Select(e => Describe(e.Accepted!)).ToList());
        var published = batches.ToDictionary(b => Placeholder.Origin(b[0])!.Value.Request);

        Assert.Equal(expected.Keys.Order(), published.Keys.Order());
        Assert.All(expected, e => Assert.Equal(e.Value, published[e.Key]));
    }

    private static string Fields(PlaybackEvent e) => Describe(new Dictionary<string, object?>
    {
        ["eventId"] = e.EventId, ["type"] = e.Type, ["occurredAt"] = e.OccurredAt, ["customerId"] = e.CustomerId,
        ["deviceId"] = e.DeviceId, ["titleId"] = e.TitleId, ["seasonId"] = e.SeasonId, ["marketplace"] = e.Marketplace,
        ["offer"] = e.Offer, ["channelId"] = e.ChannelId, ["positionSeconds"] = e.PositionSeconds,
    });

    private static string Fields(SubscriptionEvent e) => Describe(new Dictionary<string, object?>
    {
        ["eventId"] = e.EventId, ["type"] = e.Type, ["occurredAt"] = e.OccurredAt, ["customerId"] = e.CustomerId,
        ["channelId"] = e.ChannelId, ["marketplace"] = e.Marketplace,
    });

    /// <summary>The eventId first (it says which request and element the event came from), then every field by name.</summary>
    private static string Describe(IReadOnlyDictionary<string, object?> fields) =>
        $"{fields["eventId"]} " + string.Join(" | ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value switch
        {
            null => "(none)",
            DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            var value => value.ToString(),
        }));
}
