using Microsoft.Extensions.Options;
using Streaming.Ingest.Telemetry;
using Streaming.Ingest.Validation;

namespace Streaming.Ingest.Batches;

/// <summary>
/// What every batch endpoint does: read the body within its limit, validate each event on its own, hand the valid
/// ones to the broker, and answer 202 only once the broker confirmed all of them (503 when it did not).
/// </summary>
public sealed class BatchIngestion(
    IOptions<IngestOptions> options, IngestTelemetry telemetry, TimeProvider time, ILogger<BatchIngestion> logger)
{
    public async Task<IResult> HandleAsync<TEvent>(
        HttpContext http, EventValidator<TEvent> validator, Func<IReadOnlyList<TEvent>, CancellationToken, Task> publish)
        where TEvent : class
    {
        var settings = options.Value;
        using var body = await BatchBody.ReadAsync(http.Request, settings.MaxBodyBytes, settings.MaxEventsPerRequest, http.RequestAborted);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var events = body.Events;
        telemetry.BatchReceived(validator.Kind, events.Count);
        var accepted = new List<TEvent>(events.Count);
        var rejected = new RejectionList(settings.MaxRejectionsListed);
        for (var index = 0; index < events.Count; index++)
        {
            var validation = validator.Validate(events[index]);
            if (validation.Accepted is { } valid)
            {
                accepted.Add(valid);
            }
            else
            {
                rejected.Add(index, validation.Errors);
                telemetry.Rejected(validator.Kind, validation.Errors[0].Field);
            }
        }

        if (accepted.Count > 0 && !await TryPublishAsync(accepted, publish, settings.PublishTimeout, http.RequestAborted))
        {
            telemetry.Unconfirmed(validator.Kind, accepted.Count);
            return BatchProblems.BrokerUnavailable(http.Response, settings.RetryAfterSeconds);
        }
        telemetry.Accepted(validator.Kind, accepted.Count);
        return TypedResults.Accepted((string?)null, rejected.Answer(accepted.Count));
    }

    private async Task<bool> TryPublishAsync<TEvent>(
        IReadOnlyList<TEvent> events, Func<IReadOnlyList<TEvent>, CancellationToken, Task> publish,
        TimeSpan timeout, CancellationToken requestAborted)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        try
        {
            // WaitAsync bounds the wait even for a send that ignores its token.
            await publish(events, abandon.Token).WaitAsync(timeout, time, requestAborted);
            return true;
        }
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            // Some messages may already sit in their queues. That is safe: the client resends after the 503 and
            // sessionization drops events whose eventId it has seen.
            logger.LogWarning(e, "The broker did not confirm {Count} events within {Timeout}; answering 503", events.Count, timeout);
            return false;
        }
        finally
        {
            await abandon.CancelAsync();
        }
    }
}
