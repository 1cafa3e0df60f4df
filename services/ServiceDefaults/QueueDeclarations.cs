using MassTransit;

namespace Streaming.ServiceDefaults;

/// <summary>
/// How the durable queues are declared, in one place: every declaration of a queue (the consumer's receive endpoint,
/// a sender's or a topology task's) must carry the same arguments, or RabbitMQ refuses it (PRECONDITION_FAILED,
/// "inequivalent arg"). With <see cref="RabbitMqOptions.QuorumQueues"/> the partition queues are quorum queues with a
/// single active consumer (one replica of a service consumes a partition at a time; the others wait as standbys),
/// and the engagement facts queue is a quorum queue (its consumers apply facts concurrently, so no single consumer).
/// Without it they are classic queues without arguments, as before.
/// </summary>
public static class QueueDeclarations
{
    public const string QueueType = "x-queue-type";
    public const string SingleActiveConsumer = "x-single-active-consumer";

    /// <summary>Arguments of a partition queue, for a declaration through the plain client.</summary>
    public static Dictionary<string, object?> PartitionQueue(RabbitMqOptions rabbit) => rabbit.QuorumQueues
        ? new() { [QueueType] = "quorum", [SingleActiveConsumer] = true }
        : [];

    /// <summary>Arguments of the engagement facts queue, for a declaration through the plain client.</summary>
    public static Dictionary<string, object?> FactsQueue(RabbitMqOptions rabbit) => rabbit.QuorumQueues
        ? new() { [QueueType] = "quorum" }
        : [];

    /// <summary>A partition queue's receive endpoint (its _error queue takes the same arguments).</summary>
    public static void PartitionQueue(IRabbitMqReceiveEndpointConfigurator endpoint, RabbitMqOptions rabbit)
    {
        if (!rabbit.QuorumQueues) return;
        endpoint.SetQuorumQueue();
        endpoint.SingleActiveConsumer = true;
    }

    /// <summary>The engagement facts queue's receive endpoint.</summary>
    public static void FactsQueue(IRabbitMqReceiveEndpointConfigurator endpoint, RabbitMqOptions rabbit)
    {
        if (rabbit.QuorumQueues) endpoint.SetQuorumQueue();
    }
}
