using RabbitMQ.Client;

namespace Streaming.Ingest.Tests.Publishing;

/// <summary>
/// Partition queues read straight off the broker, as no consumer would: declared again (as durable), then taken
/// message by message; deleted, with their exchanges, when done.
/// </summary>
internal sealed class PartitionQueues : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly IReadOnlyDictionary<int, string> _names;

    private PartitionQueues(IConnection connection, IChannel channel, IReadOnlyDictionary<int, string> names) =>
        (_connection, _channel, _names) = (connection, channel, names);

    public static async Task<PartitionQueues> OpenAsync(RealDependencies dependencies, IReadOnlyDictionary<int, string> names)
    {
        var connection = await new ConnectionFactory
        {
            HostName = dependencies.RabbitHost,
            Port = dependencies.RabbitPort,
            UserName = dependencies.RabbitUser,
            Password = dependencies.RabbitPassword,
        }.CreateConnectionAsync();
        return new PartitionQueues(connection, await connection.CreateChannelAsync(), names);
    }

    /// <summary>Declaring it again as durable fails (PRECONDITION_FAILED) unless the queue already is durable.</summary>
    public async Task<(uint Messages, uint Consumers)> DeclareDurableAsync(int partition)
    {
        var queue = await _channel.QueueDeclareAsync(_names[partition], durable: true, exclusive: false, autoDelete: false);
        return (queue.MessageCount, queue.ConsumerCount);
    }

    /// <summary>The next message of the partition's queue: MassTransit's envelope's "message".</summary>
    public async Task<JsonElement> TakeAsync(int partition)
    {
        var delivery = await _channel.BasicGetAsync(_names[partition], autoAck: true);
        Assert.NotNull(delivery);
        return JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _names.Values)
        {
            await _channel.QueueDeleteAsync(queue);
            await _channel.ExchangeDeleteAsync(queue);
        }
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
