using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Subscriptions;

namespace Streaming.ServiceDefaults;

/// <summary>
/// The operator's command for the partition count stored with the data (docs/operations.md, "Changing the partition
/// count"), run with the service's own configuration instead of the service:
/// <code>
/// Sessionization partitions                       the configured count and the stored one
/// Sessionization partitions change --from 4 --to 8  after the drain: stores 8 if 4 is stored and the partition queues are empty
/// </code>
/// The change refuses while a playback or subscription partition queue of the old count holds a message (ready or,
/// with its consumer stopped, returned): those messages were routed by the old count. Exit code 0 when done, 1 when
/// refused or a dependency does not answer (the answer says why), 2 for a command it does not know.
/// </summary>
public static class PartitionsCommand
{
    public const string Name = "partitions";

    private const string Usage = "usage: partitions | partitions change --from <stored count> --to <new count>";

    public static bool IsInvokedBy(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlyList<string> args, TextWriter output)
    {
        if (!TryParse(args, out var change))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        using var services = Services(configuration);
        var pipeline = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var store = services.GetRequiredService<PartitionCountStore>();
        try
        {
            if (change is null)
            {
                var stored = await store.ReadAsync(pipeline.Prefix);
                await output.WriteLineAsync($"configured {pipeline.Partitions}, stored {(stored is null ? "none (no service has started)" : stored.Value.ToString(CultureInfo.InvariantCulture))}");
                return 0;
            }
            var (from, to) = change.Value;
            var waiting = await WaitingAsync(services.GetRequiredService<IOptions<RabbitMqOptions>>().Value, pipeline.Prefix, from);
            if (waiting.Count > 0)
            {
                await output.WriteLineAsync("not changed: partition queues still hold messages routed by the old count (stop ingest and let them drain): " +
                    string.Join(", ", waiting.Select(w => $"{w.Queue} {w.Messages}")));
                return 1;
            }
            if (!await store.ChangeAsync(pipeline.Prefix, from, to))
            {
                var stored = await store.ReadAsync(pipeline.Prefix);
                await output.WriteLineAsync($"not changed: the stored count is {(stored is null ? "none" : stored.Value.ToString(CultureInfo.InvariantCulture))}, not {from}");
                return 1;
            }
            await output.WriteLineAsync($"stored {to} (was {from}): restart every service with Pipeline:Partitions={to}");
            return 0;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or BrokerUnreachableException or OperationInterruptedException)
        {
            await output.WriteLineAsync($"Redis or RabbitMQ refused or does not answer ({e.Message}): nothing changed.");
            return 1;
        }
    }

    /// <summary>The partition queues of the old count that hold messages (a queue that does not exist holds none).</summary>
    private static async Task<List<(string Queue, uint Messages)>> WaitingAsync(RabbitMqOptions rabbit, string prefix, int partitions)
    {
        await using var connection = await rabbit.ConnectAsync("partitions-command");
        var waiting = new List<(string, uint)>();
        foreach (var queue in Enumerable.Range(0, partitions).SelectMany(p =>
            new[] { PlaybackPartitioning.QueueName(prefix, p), SubscriptionPartitioning.QueueName(prefix, p) }))
        {
            // A passive declare of a missing queue closes the channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                var messages = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
                if (messages > 0) waiting.Add((queue, messages));
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404) { }
        }
        return waiting;
    }

    private static bool TryParse(IReadOnlyList<string> args, out (int From, int To)? change)
    {
        change = null;
        if (args.Count == 1) return true;
        if (args.Count != 6 || args[1] != "change" || args[2] != "--from" || args[4] != "--to") return false;
        if (!int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var from) || from < 1) return false;
        if (!int.TryParse(args[5], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to is < 1 or > PipelineOptions.MaxPartitions) return false;
        change = (from, to);
        return true;
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddValidatedOptions<PipelineOptions>(PipelineOptions.Section);
        services.AddValidatedOptions<RabbitMqOptions>(RabbitMqOptions.Section);
        services.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration));
        services.AddSingleton<PartitionCountStore>();
        return services.BuildServiceProvider();
    }
}
