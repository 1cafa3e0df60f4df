using Streaming.Contracts.Subscriptions;
using Streaming.Ingest.Batches;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Validation;

namespace Streaming.Ingest.Endpoints;

public static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/events").WithTags("Events")
            .MapPost("/subscription", IngestSubscriptionEvents)
            .WithName("IngestSubscriptionEvents")
            .WithSummary("Accept a batch of channel subscription events")
            .WithDescription(
                $"Takes a JSON array of billing events ({string.Join(", ", SubscriptionTypes.All)}; or one event object) " +
                "and validates each on its own. occurredAt must carry the subscriber's local offset: it decides the " +
                "local day the event counts on. 202 lists the rejected events by array index and is sent only after " +
                "the broker confirmed every accepted event. 503 means nothing is acknowledged: resend, duplicates " +
                "are dropped by eventId.")
            .DocumentedAsEventBatch<SubscriptionEvent>("An array of subscription events, or one event object.");
        return app;
    }

    private static Task<IResult> IngestSubscriptionEvents(
        HttpContext http, BatchIngestion ingestion, SubscriptionEventValidator validator, ISubscriptionPublisher publisher) =>
        ingestion.HandleAsync(http, validator, publisher.PublishAsync);
}
