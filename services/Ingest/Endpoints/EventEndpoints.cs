using Streaming.Contracts.Playback;
using Streaming.Contracts.Subscriptions;
using Streaming.Ingest.Batches;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Validation;
using Streaming.Tenancy;

namespace Streaming.Ingest.Endpoints;

/// <summary>
/// The batch routes under <c>/v1/events</c>, one per kind of event. Each reads, validates and hands on a batch the same
/// way (<see cref="BatchIngestion"/>); they differ in the event's rules and where accepted events go.
/// </summary>
public static class EventEndpoints
{
    private const string Acknowledgement =
        "202 counts the rejected events (rejectedCount), lists the first of them by array index with their errors " +
        "(rejectedOmitted says how many the list leaves out) and is sent only after the broker confirmed every " +
        "accepted event. 413 when the body or its number of events is over the limit. 503 means nothing is " +
        "acknowledged: resend, duplicates are dropped by eventId. Every request carries Authorization: Bearer <key> " +
        "(401 without a valid key, 403 for a key of another kind; the operator key is accepted too); an event " +
        "whose title (playback) or channel (subscription) is not in the catalog is rejected on its own.";

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/v1/events").WithTags("Events");

        events.MapPost("/playback", IngestPlaybackEvents)
            .WithName("IngestPlaybackEvents")
            .WithSummary("Accept a batch of player events")
            .WithDescription("Takes a JSON array of playback events (or one event object) and validates each on its own. " + Acknowledgement +
                " Web pages: the player key may come as the key query parameter (navigator.sendBeacon), and CORS is answered " +
                "(preflight included, Retry-After exposed) for the origins the player key lists, every origin when it lists none.")
            .DocumentedAsEventBatch<PlaybackEvent>("An array of playback events, or one event object.")
            .RequireAuthorization(CallerPolicies.Player);

        events.MapPost("/subscription", IngestSubscriptionEvents)
            .WithName("IngestSubscriptionEvents")
            .WithSummary("Accept a batch of channel subscription events")
            .WithDescription(
                $"Takes a JSON array of billing events ({string.Join(", ", SubscriptionTypes.All)}; or one event object) " +
                "and validates each on its own. occurredAt must carry the subscriber's local offset: it decides the " +
                "local day the event counts on. " + Acknowledgement)
            .DocumentedAsEventBatch<SubscriptionEvent>("An array of subscription events, or one event object.")
            .RequireAuthorization(CallerPolicies.Billing);

        return app;
    }

    private static Task<IResult> IngestPlaybackEvents(
        HttpContext http, BatchIngestion ingestion, PlaybackEventValidator validator, IPlaybackPublisher publisher) =>
        ingestion.HandleAsync(http, validator, publisher.PublishAsync);

    private static Task<IResult> IngestSubscriptionEvents(
        HttpContext http, BatchIngestion ingestion, SubscriptionEventValidator validator, ISubscriptionPublisher publisher) =>
        ingestion.HandleAsync(http, validator, publisher.PublishAsync);
}
