using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.EngagementRanking.Finality;
using Streaming.EngagementRanking.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>
/// The facts processor and the finality check against the real Redis under a namespace of its own, on a fake clock
/// (at <see cref="Start"/> unless moved: October 2026 is open, its grace runs to November 16), and readers of what
/// they wrote. Progress probes are answered by hand (<see cref="CaughtUpAsync"/>), as sessionization would.
/// </summary>
internal sealed class EngagementHarness : IDisposable
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-02T00:00:00Z");

    private readonly ServiceProvider _services;

    public EngagementHarness(RealDependencies deps, string hint, int partitions = 2)
    {
        Namespace = RealDependencies.NewNamespace(hint);
        Redis = deps.Redis.GetDatabase();
        _services = new ServiceCollection()
            .AddMetrics()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "EngagementRanking" })
            .AddSingleton(deps.Redis)
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Options.Create(new PipelineOptions { Namespace = Namespace, Partitions = partitions }))
            .AddSingleton(Options.Create(new EngagementRankingOptions()))
            .AddSingleton<EngagementMetrics>()
            .AddSingleton<EngagementStore>()
            .AddSingleton<MonthStore>()
            .AddSingleton<FactsProcessor>()
            .AddSingleton<FinalityCheck>()
            .BuildServiceProvider();
    }

    public string Namespace { get; }

    public string Prefix => Namespace + ".";

    public FakeTimeProvider Clock { get; } = new(Start);

    public IDatabase Redis { get; }

    public MonthStore Months => _services.GetRequiredService<MonthStore>();

    /// <summary>The store the processor applies with: its steps one by one, for the crash points between them.</summary>
    public EngagementStore Store => _services.GetRequiredService<EngagementStore>();

    /// <summary>The steps of <paramref name="message"/> as the processor builds them on the harness clock.</summary>
    public FactsCommit Commit(StreamActivityRecorded message)
    {
        var grace = new EngagementRankingOptions().FinalityGrace;
        return new FactsCommit(Prefix, message, Domain.FactDigest.Of(message.Items), MonthFinality.FinalThrough(Clock.GetUtcNow(), grace), grace,
            new EngagementRankingOptions().BatchMarkerRetention);
    }

    public Task<ApplyOutcome> ApplyAsync(StreamActivityRecorded message) => _services.GetRequiredService<FactsProcessor>().ProcessAsync(message);

    /// <summary>What sessionization publishes when <paramref name="partition"/> reaches a probe sent at <paramref name="sentAt"/>.</summary>
    public Task<ApplyOutcome> CaughtUpAsync(int partition, DateTimeOffset sentAt) =>
        ApplyAsync(new StreamActivityRecorded { BatchId = Guid.NewGuid(), Items = [], Partition = partition, CaughtUpTo = sentAt });

    /// <summary>The operator's reopen (what <c>months reopen</c> runs), on the harness clock.</summary>
    public Task<ReopenOutcome> ReopenAsync(string month, bool reset = false) =>
        Months.ReopenAsync(Prefix, Month(month), MonthFinality.FinalThrough(Clock.GetUtcNow(), new EngagementRankingOptions().FinalityGrace), reset);

    /// <summary>The operator's close (what <c>months close</c> runs): final once every partition has caught up to now.</summary>
    public Task<bool> RequestCloseAsync(string month) => Months.RequestCloseAsync(Prefix, Month(month), Clock.GetUtcNow());

    /// <summary>One run of the finality check; the months it closed.</summary>
    public Task<IReadOnlyList<string>> CheckAsync() => _services.GetRequiredService<FinalityCheck>().RunAsync();

    /// <summary>The prime hash as unit → (distinct customers, watched ms); absent units are not in it.</summary>
    public async Task<Dictionary<string, (long Customers, long WatchedMs)>> PrimeAsync(string month, string territory = "US")
    {
        var units = new Dictionary<string, (long Customers, long WatchedMs)>();
        foreach (var entry in await Redis.HashGetAllAsync(EngagementLayout.Prime(Prefix, Month(month), territory)))
        {
            Assert.True(EngagementLayout.TryParsePrimeValue(((ReadOnlyMemory<byte>)entry.Value).Span, out var customers, out var watchedMs), $"{entry}");
            units[entry.Name!] = (customers, watchedMs);
        }
        return units;
    }

    public async Task<Dictionary<string, long>> OffersAsync(string month, string territory = "US") =>
        (await Redis.HashGetAllAsync(EngagementLayout.Offers(Prefix, Month(month), territory))).ToDictionary(e => (string)e.Name!, e => (long)e.Value);

    public async Task<Dictionary<string, long>> CustomersAsync(string month, string territory = "US") =>
        (await Redis.HashGetAllAsync(EngagementLayout.Customers(Prefix, Month(month), territory))).ToDictionary(e => (string)e.Name!, e => (long)e.Value);

    public async Task<long> StatAsync(string field) => (long?)await Redis.HashGetAsync(EngagementLayout.StateKey(Prefix), field) ?? 0;

    /// <summary>Facts of the month ignored because they came when it was final.</summary>
    public async Task<long> LateAsync(string month) => (long?)await Redis.HashGetAsync(EngagementLayout.LateFacts(Prefix), month) ?? 0;

    /// <summary>Closed: recorded in the final months hash.</summary>
    public async Task<bool> IsFinalAsync(string month) => await Redis.HashExistsAsync(EngagementLayout.FinalMonths(Prefix), month);

    public static UtcMonth Month(string text) => UtcMonth.TryParse(text, out var month) ? month : throw new ArgumentException(text);

    public void Dispose() => _services.Dispose();
}
