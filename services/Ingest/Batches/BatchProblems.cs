using Microsoft.AspNetCore.Http.HttpResults;

namespace Streaming.Ingest.Batches;

/// <summary>The application/problem+json answers a batch endpoint gives instead of 202.</summary>
public static class BatchProblems
{
    public const string BodyKey = "body";

    public static ValidationProblem NotABatch(string reason) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [BodyKey] = [reason] },
        title: "The request body is not a batch of events");

    public static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large",
        detail: $"The body may hold at most {maxBytes} bytes; send the events in smaller batches.",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static ProblemHttpResult TooManyEvents(int maxEvents, int events) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The batch holds too many events",
        detail: $"A batch may hold at most {maxEvents} events; this one holds {events}. Send them in smaller batches.",
        extensions: new Dictionary<string, object?> { ["maxEvents"] = maxEvents, ["events"] = events });

    public static ProblemHttpResult BrokerUnavailable(HttpResponse response, int retryAfterSeconds)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The message broker is unavailable",
            detail: "No event of this request is acknowledged. Resend the whole request later: events that did get " +
                    "through are recognised by their eventId and counted once.");
    }
}
