using MassTransit;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Subscriptions.Consumers;

/// <summary>Thin adapter: one partition batch from the bus into <see cref="BatchProcessor"/>.</summary>
public sealed class SubscriptionEventsConsumer(BatchProcessor processor) : IConsumer<SubscriptionEventsAccepted>
{
    public Task Consume(ConsumeContext<SubscriptionEventsAccepted> context)
    {
        // The broker message id is the batch's identity: a redelivery carries the same one.
        var batchId = context.MessageId ?? throw new InvalidOperationException("a subscription batch needs a MessageId");
        return processor.ProcessAsync(context.Message, batchId);
    }
}
