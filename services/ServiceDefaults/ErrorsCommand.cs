using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace Streaming.ServiceDefaults;

/// <summary>
/// The operator's command for the _error queues of a consuming service (docs/operations.md, "Moving _error messages
/// back"): the service's program with its own configuration, talking to RabbitMQ only, instead of running the service.
/// <code>
/// Sessionization errors list                                  messages in each of the service's _error queues
/// Sessionization errors requeue playback-events-1 [--max N]   moves them back to their queue (name with or without the namespace)
/// Sessionization errors requeue --all [--max N]               the same for every queue of the service (N per queue)
/// </code>
/// Exit code 0 when done, 1 when the broker refuses or does not answer (the answer says why), 2 for a command it
/// does not know.
/// </summary>
public static class ErrorsCommand
{
    public const string Name = "errors";

    private const string Usage = "usage: errors list | errors requeue <queue>|--all [--max N]";

    public static bool IsInvokedBy(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Name;

    /// <param name="queuesOf">The service's queues under its pipeline configuration (namespace prefix, partitions).</param>
    public static async Task<int> RunAsync(
        IConfiguration configuration, IReadOnlyList<string> args, TextWriter output, Func<PipelineOptions, IReadOnlyList<string>> queuesOf)
    {
        using var services = Services(configuration);
        var pipeline = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var queues = queuesOf(pipeline);
        if (!TryParse(args, queues, pipeline.Prefix, out var chosen, out var max))
        {
            await output.WriteLineAsync(Usage);
            await output.WriteLineAsync("queues: " + string.Join(", ", queues));
            return 2;
        }
        try
        {
            await using var errors = await ErrorQueues.ConnectAsync(services.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
            if (chosen is null)
            {
                foreach (var queue in queues)
                {
                    var count = await errors.CountAsync(queue);
                    await output.WriteLineAsync($"{ErrorQueues.ErrorQueueOf(queue)}\t{(count is null ? "absent" : count.Value.ToString(CultureInfo.InvariantCulture))}");
                }
                return 0;
            }
            var total = 0;
            foreach (var queue in chosen)
            {
                var moved = await errors.RequeueAsync(queue, max, m => output.WriteLine(
                    $"moved {m.MessageId ?? "(no id)"} {ErrorQueues.ErrorQueueOf(queue)} -> {queue}" +
                    (m.FaultType is null ? "" : $" (had faulted: {m.FaultType}: {m.FaultMessage})")));
                total += moved.Count;
            }
            await output.WriteLineAsync($"moved {total} message(s)");
            return 0;
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or PublishException or AlreadyClosedException)
        {
            await output.WriteLineAsync($"RabbitMQ refused or does not answer ({e.Message}): messages not moved stay in their _error queue.");
            return 1;
        }
    }

    /// <summary>chosen null: list; otherwise the queues to requeue (full names) and at most how many per queue.</summary>
    private static bool TryParse(IReadOnlyList<string> args, IReadOnlyList<string> queues, string prefix, out IReadOnlyList<string>? chosen, out int max)
    {
        (chosen, max) = (null, int.MaxValue);
        if (args.Count == 2 && args[1] == "list") return true;
        if (args.Count is not (3 or 5) || args[1] != "requeue") return false;
        if (args.Count == 5 && (args[3] != "--max" || !int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1)) return false;
        if (args[2] == "--all")
        {
            chosen = queues;
            return true;
        }
        var named = queues.FirstOrDefault(q => q == args[2] || q == prefix + args[2]);
        chosen = named is null ? null : [named];
        return named is not null;
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddValidatedOptions<PipelineOptions>(PipelineOptions.Section);
        services.AddValidatedOptions<RabbitMqOptions>(RabbitMqOptions.Section);
        return services.BuildServiceProvider();
    }
}
