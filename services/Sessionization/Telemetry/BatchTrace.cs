using System.Diagnostics;
using MassTransit;
using MassTransit.Logging;

namespace Streaming.Sessionization.Telemetry;

/// <summary>
/// The spans of one consumed batch. A batch runs in the consume of its first message
/// (<see cref="Streaming.PartitionedState.Processing.PartitionBatcher{TMessage}"/>): the other messages' traces end at
/// their own consume span, short of the Redis commit and of the facts sent on. So the batch gets one span, "apply
/// batch", under the first message's consume span (its Redis commands and the facts it publishes become its children)
/// and linked to every message it holds; and each message whose trace is another gets
/// a span in its own trace, "applied in batch", linked to the batch span. Whichever ingest request an operator opens,
/// its trace shows where its events were committed, one link away.
/// </summary>
public static class BatchTrace
{
    /// <param name="batch">The consumed messages, in the order they arrived (their headers hold their traces).</param>
    public static async Task RunAsync(IEnumerable<ConsumeContext> batch, int partition, Func<Task> apply)
    {
        var messages = batch.Select(m => (m.MessageId, Context: TraceOf(m))).ToList();
        var traced = messages.Where(m => m.Context != default).ToList();
        using var span = SessionizationActivities.Source.StartActivity(
            "apply batch",
            ActivityKind.Internal,
            Activity.Current is null && traced.Count > 0 ? traced[0].Context : default, // default: MassTransit's span is the parent
            tags:
            [
                new("messaging.batch.message_count", messages.Count),
                new("sessionization.partition", partition),
                new("sessionization.batch_id", messages[0].MessageId?.ToString("N")),
            ],
            links: traced.Select(m => new ActivityLink(m.Context)));

        var members = new List<Activity>();
        if (span is not null)
        {
            foreach (var (messageId, context) in traced.Where(m => m.Context.TraceId != span.TraceId))
            {
                var member = SessionizationActivities.Source.StartActivity(
                    "applied in batch",
                    ActivityKind.Internal,
                    context,
                    tags: [new("messaging.message.id", messageId?.ToString()), new("sessionization.partition", partition)],
                    links: [new ActivityLink(span.Context)]);
                if (member is not null) members.Add(member);
            }
            Activity.Current = span; // starting each member made it current
        }

        try
        {
            await apply();
        }
        catch (Exception e)
        {
            span?.AddException(e);
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var member in members) member.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            for (var i = members.Count - 1; i >= 0; i--) members[i].Dispose();
        }
    }

    /// <summary>The message's place in its sender's trace: the send span MassTransit names in a header.</summary>
    private static ActivityContext TraceOf(ConsumeContext message)
    {
        var id = message.ReceiveContext.TransportHeaders.Get<string>(DiagnosticHeaders.ActivityId)
            ?? message.Headers.Get<string>(DiagnosticHeaders.ActivityId);
        return ActivityContext.TryParse(id, null, isRemote: true, out var context) ? context : default;
    }
}
