using Streaming.Contracts.Playback;
using Streaming.Ingest.Batches;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Validation;

namespace Streaming.Ingest.Endpoints;

public static class PlaybackEndpoints
{
    public static IEndpointRouteBuilder MapPlaybackEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/v1/events").WithTags("Events");

        events.MapPost("/playback", IngestPlaybackEvents)
            .WithName("IngestPlaybackEvents")
            .WithSummary("Accept a batch of player events")
            .WithDescription(
                "Takes a JSON array of playback events (or one event object) and validates each on its own. " +
                "202 lists the rejected events by array index and is sent only after the broker confirmed every " +
                "accepted event. 503 means nothing is acknowledged: resend, duplicates are dropped by eventId.")
            .DocumentedAsEventBatch<PlaybackEvent>("An array of playback events, or one event object.");

        return app;
    }

    private static Task<IResult> IngestPlaybackEvents(
        HttpContext http, BatchIngestion ingestion, PlaybackEventValidator validator, IPlaybackPublisher publisher) =>
        ingestion.HandleAsync(http, validator, publisher.PublishAsync);
}
