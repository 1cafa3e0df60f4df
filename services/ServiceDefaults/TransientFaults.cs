using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

/// <summary>A fault that passes by itself (a concurrent writer, a dependency catching up): retried like an outage.</summary>
public class TransientFaultException(string message) : Exception(message);

/// <summary>
/// Tells a fault that passes once Redis or RabbitMQ is back (retried for as long as an outage may last) from one that
/// never will (poison: a message we cannot decode, a rule it breaks, a bug; retried briefly, then its _error queue).
/// </summary>
public static class TransientFaults
{
    /// <summary>Redis errors that a busy, starting, failing-over or full server answers, and that pass.</summary>
    private static readonly string[] PassingRedisErrors = ["LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "OOM"];

    public static bool IsTransient(Exception exception) => exception switch
    {
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsTransient),
        TransientFaultException or RedisConnectionException or TimeoutException => true, // RedisTimeoutException is one
        RedisServerException server => PassingRedisErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        MassTransit.ConnectionException or MassTransit.MessageNotAcknowledgedException => true, // broker gone; a publish nacked
        BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or ConnectFailureException => true,
        // A cancellation that is not the consumer's own (that one ends the retry and the message is redelivered) is a
        // timeout somewhere on the way to a dependency: holding the message is the safe side.
        OperationCanceledException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
