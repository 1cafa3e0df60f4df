using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Where a sender (ingest, the engagement service's progress probes) sends a partition queue's messages. Classic
/// queues: <c>queue:name</c>, which declares the queue as the consumer does. Quorum queues: MassTransit's send
/// address cannot carry <c>x-queue-type</c>, so the queue, its exchange and the binding are declared here once per
/// process with <see cref="QueueDeclarations.PartitionQueue(RabbitMqOptions)"/>, and messages go to the exchange,
/// mandatory (<see cref="Mandatory"/>): should the queue be gone, the broker returns the message and the send fails
/// instead of the message vanishing.
/// </summary>
public sealed class PartitionQueueAddresses(IOptions<RabbitMqOptions> rabbit)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _declared = new(StringComparer.Ordinal);

    public async Task<Uri> AddressAsync(string queue, CancellationToken cancellationToken)
    {
        if (!rabbit.Value.QuorumQueues) return new Uri($"queue:{queue}");
        var declared = _declared.GetOrAdd(queue, q => new Lazy<Task>(() => DeclareAsync(q)));
        try
        {
            await declared.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            _declared.TryRemove(new KeyValuePair<string, Lazy<Task>>(queue, declared)); // the next send tries again
            throw;
        }
        return new Uri($"exchange:{queue}");
    }

    /// <summary>Makes a send mandatory (a no-op off RabbitMQ, e.g. the in-memory test harness).</summary>
    public static void Mandatory(SendContext context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbitContext)) rabbitContext.Mandatory = true;
    }

    private async Task DeclareAsync(string queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await rabbit.Value.ConnectAsync("partition queue topology", timeout.Token);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
        // As MassTransit's receive endpoint declares them: a durable fanout exchange of the queue's name, bound to it.
        await channel.ExchangeDeclareAsync(queue, "fanout", durable: true, autoDelete: false, cancellationToken: timeout.Token);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, QueueDeclarations.PartitionQueue(rabbit.Value),
            cancellationToken: timeout.Token);
        await channel.QueueBindAsync(queue, queue, routingKey: "", cancellationToken: timeout.Token);
    }
}
