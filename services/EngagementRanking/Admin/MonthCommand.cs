using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.EngagementRanking.Storage;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Admin;

/// <summary>
/// The operator's command for month finality (docs/operations.md, "Month finality"): the service's program with its
/// own configuration, talking to Redis only, instead of running the service.
/// <code>
/// EngagementRanking months reopen 2025-09 [--reset]   facts of 2025-09 count, and it stays open until closed
/// EngagementRanking months close 2025-09              final once every partition has processed what is queued now
/// </code>
/// Exit code 0 when done, 1 when refused or Redis does not answer (the answer says why), 2 for a command it does not know.
/// </summary>
public static class MonthCommand
{
    public const string Name = "months";

    private const string Usage = "usage: months reopen <yyyy-MM> [--reset] | months close <yyyy-MM>";

    public static bool IsInvokedBy(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlyList<string> args, TextWriter output, TimeProvider? clock = null)
    {
        var reset = args.Count == 4 && args[3] == "--reset";
        if (args.Count < 3 || args.Count > (reset ? 4 : 3) || args[1] is not ("reopen" or "close") || !UtcMonth.TryParse(args[2], out var month) ||
            (reset && args[1] != "reopen"))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        using var services = Services(configuration, clock);
        try
        {
            return await RunAsync(services, args[1], month, reset, output);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            await output.WriteLineAsync($"Redis does not answer ({e.Message}): nothing was changed.");
            return 1;
        }
    }

    private static async Task<int> RunAsync(ServiceProvider services, string verb, UtcMonth month, bool reset, TextWriter output)
    {
        var months = services.GetRequiredService<MonthStore>();
        var ns = services.GetRequiredService<IOptions<PipelineOptions>>().Value.Prefix;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // A namespace still in the single-slot layout is moved first, as the service does at start: a reset must not
        // miss counters that the migration would bring back afterwards.
        await services.GetRequiredService<LayoutMigration>().RunAsync(ns);
        if (verb == "reopen")
        {
            var grace = services.GetRequiredService<IOptions<EngagementRankingOptions>>().Value.FinalityGrace;
            if (await months.ReopenAsync(ns, month, MonthFinality.FinalThrough(now, grace), reset) == ReopenOutcome.Counted)
            {
                await output.WriteLineAsync($"{month} is final and has counters, whose customer detail was deleted at its close: " +
                                            "customers counted before would count twice. Add --reset to delete its counters and import the whole month again.");
                return 1;
            }
            await output.WriteLineAsync($"{month} is open{(reset ? ", its counters deleted," : "")} and its facts count until 'months close {month}'.");
            return 0;
        }
        if (!await months.RequestCloseAsync(ns, month, now))
        {
            await output.WriteLineAsync($"{month} was not reopened: months close by themselves once due (docs/metrics.md).");
            return 1;
        }
        await output.WriteLineAsync($"{month} becomes final once every partition has processed what was queued before {now:o}.");
        return 0;
    }

    private static ServiceProvider Services(IConfiguration configuration, TimeProvider? clock)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.AddRedis();
        builder.Services.AddValidatedOptions<PipelineOptions>(PipelineOptions.Section);
        builder.Services.AddValidatedOptions<EngagementRankingOptions>(EngagementRankingOptions.Section);
        builder.Services.TryAddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<MonthStore>();
        builder.Services.AddSingleton<LayoutMigration>();
        return builder.Services.BuildServiceProvider();
    }
}
