using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.EngagementRanking.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Tests.Counting;

/// <summary>The facts processor against the real Redis under a namespace of its own, and readers of what it wrote.</summary>
internal sealed class EngagementHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public EngagementHarness(RealDependencies deps, string hint, TimeSpan? allowedLateness = null)
    {
        Prefix = new PipelineOptions { Namespace = RealDependencies.NewNamespace(hint) }.Prefix;
        Redis = deps.Redis.GetDatabase();
        _services = new ServiceCollection()
            .AddMetrics()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "EngagementRanking" })
            .AddSingleton(deps.Redis)
            .AddSingleton(Options.Create(new PipelineOptions { Namespace = Prefix.TrimEnd('.') }))
            .AddSingleton(Options.Create(new EngagementRankingOptions { AllowedLateness = allowedLateness ?? TimeSpan.FromHours(1) }))
            .AddSingleton<EngagementMetrics>()
            .AddSingleton<EngagementStore>()
            .AddSingleton<FactsProcessor>()
            .BuildServiceProvider();
    }

    public string Prefix { get; }

    public IDatabase Redis { get; }

    public Task<ApplyOutcome> ApplyAsync(StreamActivityRecorded message) => _services.GetRequiredService<FactsProcessor>().ProcessAsync(message);

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

    public async Task<bool> IsFinalAsync(string month) => await Redis.HashExistsAsync(EngagementLayout.FinalMonths(Prefix), month);

    public static UtcMonth Month(string text) => UtcMonth.TryParse(text, out var month) ? month : throw new ArgumentException(text);

    public void Dispose() => _services.Dispose();
}
