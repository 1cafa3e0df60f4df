extern alias EngagementService;
using StackExchange.Redis;
using Streaming.EngagementRules;

namespace Streaming.Integration.Tests;

/// <summary>
/// A namespace written by the single-slot version (every engagement counter under {eng}) gives the gateway the same
/// answers once the new engagement service has started on it: the service moves the counters into their month ×
/// territory slots at start. The counters are those of EngagementEndToEndTests' October (its answer, worked out there),
/// plus a final September: movie, 1 customer, 1 h, CER 100 (alone), 0.10 USD/h × 1 h = 0.10; 4 facts came late.
/// </summary>
public sealed class EngagementLayoutUpgradeTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly UtcMonth September = new(2026, 9);
    private static readonly UtcMonth October = new(2026, 10);

    private const string OctoberUs = """
        {"month":"2026-10","territory":"US","final":false,"lateFactsIgnored":0,"units":[
         {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":2,"minutesStreamed":61.50,"hoursStreamed":1.03,"estimatedRoyalty":0.10,"currency":"USD"},
         {"unitId":"s1","kind":"season","cer":50,"distinctCustomers":2,"minutesStreamed":4.50,"hoursStreamed":0.08,"estimatedRoyalty":0.01,"currency":"USD"},
         {"unitId":"doc","kind":"title","cer":0,"distinctCustomers":1,"minutesStreamed":20.00,"hoursStreamed":0.33,"estimatedRoyalty":0.01,"currency":"USD"}]}
        """;

    private const string SeptemberUs = """
        {"month":"2026-09","territory":"US","final":true,"lateFactsIgnored":4,"units":[
         {"unitId":"movie","kind":"title","cer":100,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.10,"currency":"USD"}]}
        """;

    /// <summary>What the single-slot version left: October open, September final, the customer detail of October.</summary>
    private static async Task WriteOldLayoutAsync(IDatabase redis, string ns)
    {
        await redis.HashSetAsync(EngagementLayout.StateKey(ns), EngagementLayout.State.FinalThrough, "2026-09");
        await redis.HashSetAsync(EngagementLayout.FinalMonths(ns), "2026-09", 1);
        await redis.HashSetAsync(EngagementLayout.OpenMonths(ns), "2026-10", 1);
        await redis.HashSetAsync(EngagementLayout.LateFacts(ns), "2026-09", 4);
        await redis.SetAddAsync(EngagementLayout.Territories(ns, September), "US");
        await redis.SetAddAsync(EngagementLayout.Territories(ns, October), "US");
        await redis.HashSetAsync(EngagementLayout.Legacy.Prime(ns, September, "US"), "title:movie", "1 3600000");
        await redis.HashSetAsync(EngagementLayout.Legacy.Prime(ns, October, "US"),
            [new("title:movie", "2 3690000"), new("season:s1", "2 270000"), new("title:doc", "1 1200000")]);
        await redis.HashSetAsync(EngagementLayout.Legacy.Customers(ns, October, "US"),
            [new(EngagementLayout.CustomerField("title:movie", "c1"), 2), new(EngagementLayout.CustomerField("title:movie", "c2"), 1)]);
    }

    [Fact]
    public async Task The_gateway_answers_the_same_after_the_engagement_service_moved_an_old_namespace()
    {
        await using var pipeline = new Pipeline(deps, "eng-upgrade", new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T02:00:00Z")));
        await WriteOldLayoutAsync(deps.Redis.GetDatabase(), pipeline.Namespace + ".");

        await using var engagement = pipeline.Configure(new WebApplicationFactory<EngagementService::Program>());
        await Probes.WaitUntilReadyAsync(engagement.CreateClient(), "the engagement service");

        await pipeline.WaitForAnswerAsync("/v1/metrics/engagement?month=2026-10&territory=US", OctoberUs, TimeSpan.FromSeconds(30));
        await pipeline.WaitForAnswerAsync("/v1/metrics/engagement?month=2026-09&territory=US", SeptemberUs, TimeSpan.FromSeconds(30));
        Assert.False(await deps.Redis.GetDatabase().KeyExistsAsync(EngagementLayout.Legacy.Prime(pipeline.Namespace + ".", October, "US")));
    }
}
