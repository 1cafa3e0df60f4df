using Microsoft.Extensions.Configuration;
using Streaming.EngagementRanking.Admin;
using Streaming.EngagementRanking.Tests.Counting;

namespace Streaming.EngagementRanking.Tests.Service;

/// <summary>
/// The operator's <c>months</c> command (docs/operations.md) with the service's configuration, on the real Redis. The
/// harness stands for the running service: it applies facts and runs the finality check on the same namespace.
/// </summary>
public sealed class MonthCommandTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static async Task<(int ExitCode, string Output)> RunAsync(RealDependencies deps, EngagementHarness engagement, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(deps.ServiceSettings(engagement.Namespace, 2)).Build();
        var output = new StringWriter();
        var exitCode = await MonthCommand.RunAsync(configuration, args, output, engagement.Clock);
        return (exitCode, output.ToString().TrimEnd());
    }

    /// <summary>Reopens September 2025, imports c1's stream, closes it and lets both partitions catch up past the close.</summary>
    private static async Task ImportSeptemberAsync(RealDependencies deps, EngagementHarness engagement)
    {
        Assert.Equal(0, (await RunAsync(deps, engagement, "months", "reopen", "2025-09")).ExitCode);
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000)));
        Assert.Equal(0, (await RunAsync(deps, engagement, "months", "close", "2025-09")).ExitCode);
        await engagement.CaughtUpAsync(0, EngagementHarness.Start.AddMinutes(1));
        await engagement.CaughtUpAsync(1, EngagementHarness.Start.AddMinutes(1));
        await engagement.CheckAsync();
        Assert.Equal(["2025-09"], await engagement.CheckAsync());
    }

    [Fact]
    public async Task Reopen_lets_an_import_count_and_close_makes_the_month_final_once_the_partitions_caught_up()
    {
        using var engagement = new EngagementHarness(deps, "cmd");
        await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000))); // before the reopen: ignored

        Assert.Equal((0, "2025-09 is open and its facts count until 'months close 2025-09'."),
            await RunAsync(deps, engagement, "months", "reopen", "2025-09"));
        var import = await engagement.ApplyAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000), Fact("c2", "t1", "2025-09-11T10", 1, 60_000)));
        Assert.Equal((0, "2025-09 becomes final once every partition has processed what was queued before 2026-11-02T00:00:00.0000000+00:00."),
            await RunAsync(deps, engagement, "months", "close", "2025-09"));
        Assert.Empty(await engagement.CheckAsync());
        await engagement.CaughtUpAsync(0, EngagementHarness.Start);
        await engagement.CaughtUpAsync(1, EngagementHarness.Start);
        await engagement.CheckAsync();

        Assert.Equal(["2025-09"], await engagement.CheckAsync());
        Assert.Equal(2, import.FactsApplied);
        Assert.Equal(new() { ["title:t1"] = (2, 120_000) }, await engagement.PrimeAsync("2025-09"));
    }

    [Fact]
    public async Task Reopening_a_final_month_with_counters_is_refused_unless_they_are_reset()
    {
        using var engagement = new EngagementHarness(deps, "cmdreset");
        await ImportSeptemberAsync(deps, engagement);

        var (refused, why) = await RunAsync(deps, engagement, "months", "reopen", "2025-09");
        Assert.Equal(1, refused);
        Assert.StartsWith("2025-09 is final and has counters", why);
        Assert.Equal((0, "2025-09 is open, its counters deleted, and its facts count until 'months close 2025-09'."),
            await RunAsync(deps, engagement, "months", "reopen", "2025-09", "--reset"));
        Assert.Empty(await engagement.PrimeAsync("2025-09"));
    }

    [Fact]
    public async Task Closing_a_month_that_was_not_reopened_is_refused()
    {
        using var engagement = new EngagementHarness(deps, "cmdclose");

        Assert.Equal((1, "2026-10 was not reopened: months close by themselves once due (docs/metrics.md)."),
            await RunAsync(deps, engagement, "months", "close", "2026-10"));
    }

    [Fact]
    public async Task Without_Redis_the_command_changes_nothing_and_says_so()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200,syncTimeout=500,asyncTimeout=500",
        }).Build();
        var output = new StringWriter();

        Assert.Equal(1, await MonthCommand.RunAsync(configuration, ["months", "reopen", "2025-09"], output));
        Assert.StartsWith("Redis does not answer", output.ToString());
    }

    [Theory]
    [InlineData("months")]
    [InlineData("months", "reopen")]
    [InlineData("months", "reopen", "2025-9")]
    [InlineData("months", "shut", "2025-09")]
    [InlineData("months", "close", "2025-09", "--reset")]
    [InlineData("months", "reopen", "2025-09", "--force")]
    public async Task A_command_it_does_not_know_gets_the_usage(params string[] args)
    {
        using var engagement = new EngagementHarness(deps, "cmdusage");

        Assert.Equal((2, "usage: months reopen <yyyy-MM> [--reset] | months close <yyyy-MM>"), await RunAsync(deps, engagement, args));
    }
}
