using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Replicas;

/// <summary>
/// How many consumers the broker counts on a queue (a passive declare on a plain AMQP connection of its own, outside
/// MassTransit): the broker's side of whether a partition's endpoint consumes, which a stuck receive transport cannot
/// misreport. Null while the broker does not answer: nothing is concluded from that.
/// </summary>
public sealed class QueueConsumers(IOptions<RabbitMqOptions> rabbit) : IAsyncDisposable
{
    private IConnection? _connection;

    /// <summary>
    /// The consumers of each of <paramref name="queues"/>, in order, on one channel; null for a queue not answered (the
    /// broker away or recovering, or the queue not declared yet, which closes the channel for the rest).
    /// </summary>
    public async Task<uint?[]> CountAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var counts = new uint?[queues.Count];
        try
        {
            _connection ??= await rabbit.Value.ConnectAsync("partition-endpoint-check", cancellationToken);
            await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
            for (var i = 0; i < queues.Count; i++)
            {
                counts[i] = (await channel.QueueDeclarePassiveAsync(queues[i], cancellationToken)).ConsumerCount;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not answered: the counts not read stay null (the client's automatic recovery reconnects meanwhile).
        }
        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                // already closed or the broker away: nothing to release
            }
            connection.Dispose();
        }
    }
}
