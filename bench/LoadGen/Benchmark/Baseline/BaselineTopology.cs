using RabbitMQ.Client;

namespace Streaming.Bench.LoadGen.Benchmark.Baseline;

/// <summary>
/// Removes the baseline's queue and its exchange (MassTransit has no API for that), before a run so no leftover
/// counts or clashes, and after it so the broker holds only the pipeline's topology. RabbitMQ.Client comes with
/// MassTransit.RabbitMQ.
/// </summary>
public static class BaselineTopology
{
    public static async Task DeleteAsync(string host, string queue)
    {
        var factory = new ConnectionFactory { HostName = host, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.ExchangeDeleteAsync(queue);
    }
}
