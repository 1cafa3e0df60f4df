using MassTransit;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization.Publishing;

/// <summary>
/// Facts are published mandatory, whoever publishes them (a batch, the sweep, a probe): a message no queue takes comes
/// back from RabbitMQ and its publication fails (MassTransit's MessageReturnedException) instead of vanishing, so its
/// outbox entry stays for the sweep. A bus-wide observer, because it sees every publication before it is sent.
/// </summary>
public sealed class MandatoryFactsPublication : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is PackedStreamActivityRecorded or StreamActivityRecorded) context.Mandatory = true;
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
