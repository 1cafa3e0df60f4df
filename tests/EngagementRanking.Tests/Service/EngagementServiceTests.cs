
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
        var metrics = await host.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("engagement_facts_applied_total{otel_scope_name=\"engagement-ranking\"} 2", metrics);
        Assert.Contains("engagement_batches_duplicates_total{otel_scope_name=\"engagement-ranking\"} 1", metrics);
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

    [Theory]
    [InlineData("EngagementRanking:AllowedLateness", "-00:05:00")]
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
}
