using System.Diagnostics;

namespace Streaming.Sessionization.Telemetry;

/// <summary>The service's own spans, on the activity source named after the service ("sessionization").</summary>
public static class SessionizationActivities
{
    public static readonly ActivitySource Source = new(SessionizationMetrics.Name);

    /// <summary>
    /// Publishing facts that waited in the outbox (after a crash, at start-up or on a redelivery): the span continues
    /// the trace of the batch that committed them, so the engagement consumer's spans land in that trace too; a link
    /// points back at whatever is running now (the redelivered batch, or nothing at start-up).
    /// </summary>
    /// <summary>
    /// Publishing the facts a batch has just committed, after the batch itself is done (<see cref="Publishing.FactsDispatcher"/>):
    /// a child of the batch's span, so the engagement consumer's spans stay in the batch's trace.
    /// </summary>
    public static Activity? StartFactsPublish(ActivityContext committedBy, string batchId) =>
        Source.StartActivity("publish facts", ActivityKind.Internal, committedBy, tags: [new("sessionization.batch_id", batchId)]);

    public static Activity? StartOutboxPublish(ActivityContext committedBy, string batchId)
    {
        var now = Activity.Current;
        return Source.StartActivity(
            "publish from outbox",
            ActivityKind.Internal,
            committedBy,
            tags: [new("sessionization.batch_id", batchId)],
            links: now is null ? null : [new ActivityLink(now.Context)]);
    }
}
