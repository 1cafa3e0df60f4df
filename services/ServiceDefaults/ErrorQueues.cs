using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Streaming.ServiceDefaults;

/// <summary>A message moved back from an _error queue: its id and why it had faulted.</summary>
public sealed record MovedMessage(string? MessageId, string? FaultType, string? FaultMessage);

/// <summary>
/// The _error queues of a service's queues, over AMQP: how many messages each holds, and moving them back to their
/// queue. Each message is published to its queue with publisher confirms (mandatory, so a missing queue refuses it)
/// and the error copy acknowledged only after the broker confirmed: a crash in between leaves the message in both
/// queues, which is safe (consumers recognise a message applied before), never in none.
/// </summary>
public sealed class ErrorQueues(IConnection connection) : IAsyncDisposable
{
    /// <summary>Headers MassTransit's error transport adds; a message moved back leaves them behind.</summary>
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    public static string ErrorQueueOf(string queue) => queue + "_error";

    public static async Task<ErrorQueues> ConnectAsync(RabbitMqOptions options, CancellationToken cancellationToken = default)
    {
        return new ErrorQueues(await options.ConnectAsync("errors-command", cancellationToken));
    }

    /// <summary>The messages in <paramref name="queue"/>'s _error queue; null when there is none.</summary>
    public async Task<uint?> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        // A passive declare of a queue that does not exist closes the channel: one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(ErrorQueueOf(queue), cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages of <paramref name="queue"/>'s _error queue back to it, at most the
    /// ones it held when the move began (a message that faults again meanwhile is not moved twice in one run).
    /// </summary>
    public async Task<List<MovedMessage>> RequeueAsync(string queue, int max, Action<MovedMessage> moved, CancellationToken cancellationToken = default)
    {
        var done = new List<MovedMessage>();
        var waiting = await CountAsync(queue, cancellationToken) ?? 0;
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        while (done.Count < Math.Min(max, waiting))
        {
            var got = await channel.BasicGetAsync(ErrorQueueOf(queue), autoAck: false, cancellationToken);
            if (got is null) break;
            var properties = new BasicProperties(got.BasicProperties);
            var headers = properties.Headers ?? new Dictionary<string, object?>();
            var message = new MovedMessage(properties.MessageId, Text(headers, "MT-Fault-ExceptionType"), Text(headers, "MT-Fault-Message"));
            foreach (var key in headers.Keys.Where(k => FaultHeaderPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
            {
                headers.Remove(key);
            }
            properties.Headers = headers;
            // Awaits the broker's confirm; a nack or a return (no such queue) throws, and the error copy stays.
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, got.Body, cancellationToken);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
            done.Add(message);
            moved(message);
        }
        return done;
    }

    private static string? Text(IDictionary<string, object?> headers, string key) => headers.TryGetValue(key, out var value)
        ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
        : null;

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        connection.Dispose();
    }
}
