using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Streaming.EngagementRanking.Tests.Service;

/// <summary>The service as deployed: its queue on the real broker, its probes, and its refusal of bad settings.</summary>
[Collection(ServiceMetricsCollection.Name)]
public sealed class EngagementServiceTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Fact]
    public async Task Published_facts_reach_the_counters_and_a_republished_batch_changes_nothing()
    {
        await using var host = new EngagementHost(deps, "svc");
        await host.StartAsync();
        var batch = Batch(Fact("c1", "t1", "2026-10-05T10", 1, 60_000), Fact("c2", "t1", "2026-10-05T10", 1, 30_000));

        await host.PublishAsync(batch);
        await host.WaitForStatAsync(EngagementLayout.State.Messages, 1);
        await host.PublishAsync(batch with { Items = [.. batch.Items] }); // a new message id, the same BatchId
        await host.WaitForStatAsync(EngagementLayout.State.Duplicates, 1);

        var prime = await host.Redis.HashGetAllAsync(EngagementLayout.Prime(host.Prefix, new UtcMonth(2026, 10), "US"));
        Assert.Equal(["title:t1=2 90000"], prime.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal(1, await host.StatAsync(EngagementLayout.State.Messages));
        Assert.Equal(0L, await host.QueueMessagesAsync("engagement-facts"));
        var metrics = await OperatorEndpoints.ScrapeAsync(host.CreateClient());
        Assert.Contains("engagement_facts_applied_total{otel_scope_name=\"engagement-ranking\"} 2", metrics);
        Assert.Contains("engagement_batches_duplicates_total{otel_scope_name=\"engagement-ranking\"} 1", metrics);
    }

    [Fact]
    public async Task Facts_of_a_final_month_are_counted_in_a_metric_tagged_with_the_month()
    {
        await using var host = new EngagementHost(deps, "late");
        await host.StartAsync();

        // On November 2, 2026 September 2025 is long final; October 2026 is open.
        await host.PublishAsync(Batch(Fact("c1", "t1", "2025-09-10T10", 1, 60_000), Fact("c2", "t1", "2025-09-10T11", 1, 60_000),
            Fact("c3", "t1", "2026-10-05T10", 1, 60_000)));
        await host.WaitForStatAsync(EngagementLayout.State.Messages, 1);

        Assert.Equal(2, await host.StatAsync(EngagementLayout.State.FactsIgnoredFinal));
        var metrics = await OperatorEndpoints.ScrapeAsync(host.CreateClient());
        Assert.Contains("engagement_facts_ignored_final_total{otel_scope_name=\"engagement-ranking\",month=\"2025-09\"} 2", metrics);
        Assert.Contains("engagement_facts_applied_total{otel_scope_name=\"engagement-ranking\"} 1", metrics);
    }

    [Fact]
    public async Task The_finality_clock_probes_every_partition_and_closes_a_due_month_once_all_have_answered()
    {
        await using var host = new EngagementHost(deps, "clock", ("Pipeline:Partitions", "2"));
        await host.StartAsync();
        await host.PublishAsync(Batch(Fact("c1", "t1", "2026-10-31T23", 1, 60_000)));
        await host.WaitForStatAsync(EngagementLayout.State.Messages, 1);

        // Past October's deadline (November 1 plus 15 days) the clock's next tick sends a probe into each partition queue.
        host.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-16T00:00:00Z"));
        await TickUntilAsync(host, async () => await host.QueueMessagesAsync("playback-events-0") > 0 && await host.QueueMessagesAsync("playback-events-1") > 0);
        Assert.False(await host.Redis.HashExistsAsync(EngagementLayout.FinalMonths(host.Prefix), "2026-10")); // no answers yet

        // Sessionization's answers: each partition has processed what was queued before the probe.
        foreach (var partition in new[] { 0, 1 })
        {
            await host.PublishAsync(new StreamActivityRecorded { BatchId = Guid.NewGuid(), Items = [], Partition = partition, CaughtUpTo = host.Clock.GetUtcNow() });
        }
        await host.WaitForStatAsync(EngagementLayout.State.Messages, 3);
        await TickUntilAsync(host, () => host.Redis.HashExistsAsync(EngagementLayout.FinalMonths(host.Prefix), "2026-10"));

        Assert.Contains("engagement_months_closed_total{otel_scope_name=\"engagement-ranking\"} 1", await OperatorEndpoints.ScrapeAsync(host.CreateClient()));
    }

    /// <summary>Moves the clock on by the check interval (1 min) until <paramref name="condition"/> holds, within 30 s.</summary>
    private static async Task TickUntilAsync(EngagementHost host, Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !await condition(); host.Clock.Advance(TimeSpan.FromMinutes(1)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s of ticks");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_message_that_keeps_failing_ends_in_the_error_queue_after_the_retries()
    {
        await using var host = new EngagementHost(deps, "poison");
        await host.StartAsync();

        // December 9999 has no next month: the month end cannot be computed, every attempt throws.
        await host.PublishAsync(Batch(Fact("c1", "t1", "9999-12-31T23", 1, 60_000)));

        Assert.Equal(1L, await Eventually.UntilAsync(() => host.QueueMessagesAsync("engagement-facts_error"), n => n > 0, "a message in the error queue"));
        Assert.Equal(0, await host.StatAsync(EngagementLayout.State.Messages));
    }

    [Fact]
    public async Task Alive_and_ready_with_its_broker_and_redis()
    {
        await using var host = new EngagementHost(deps, "probe");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await Probes.ProbeAsync(host.CreateClient(), host.Services));
    }

    [Fact]
    public async Task A_changed_AllowedLateness_still_starts_and_warns_that_it_no_longer_decides_finality()
    {
        var logs = new CapturedLogs();
        await using var host = new EngagementHost(deps, "lateness", ("EngagementRanking:AllowedLateness", "02:00:00"));
        await using var logged = host.WithWebHostBuilder(builder => builder.ConfigureLogging(l => l.AddProvider(logs)));

        Assert.Equal(HttpStatusCode.OK, (await logged.CreateClient().GetAsync("/alive")).StatusCode);
        static bool Warned(string w) => w.StartsWith("EngagementRanking:AllowedLateness no longer decides when a month is final", StringComparison.Ordinal);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !logs.Warnings.Any(Warned) && DateTime.UtcNow < deadline;) await Task.Delay(50);

        Assert.Contains(logs.Warnings, Warned);
    }

    [Theory]
    [InlineData("EngagementRanking:AllowedLateness", "-00:05:00")]
    [InlineData("EngagementRanking:FinalityGrace", "-1.00:00:00")]
    [InlineData("EngagementRanking:FinalityCheckInterval", "00:00:00.500")]
    [InlineData("EngagementRanking:BatchMarkerRetention", "00:10:00")]
    [InlineData("EngagementRanking:PrefetchCount", "0")]
    [InlineData("EngagementRanking:CerTerritories", "US,USA")]
    [InlineData("EngagementRanking:RateCard:US:MaxRate", "0.01")]
    [InlineData("EngagementRanking:RateCard:GB:Currency", "pound")]
    public void Refuses_to_start_with_a_bad_setting_and_names_it(string key, string value)
    {
        using var host = new EngagementHost(deps, "badcfg", (key, value));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(key, StartupFailure.Messages(error));
    }

    private static string Flatten(Exception e) => e is AggregateException a
        ? string.Join(" | ", a.InnerExceptions.Select(Flatten))
        : e.Message + (e.InnerException is null ? "" : " | " + Flatten(e.InnerException));

    /// <summary>The warnings a host logs.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) logs.Warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
