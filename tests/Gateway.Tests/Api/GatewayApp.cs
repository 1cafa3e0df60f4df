using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;
using Streaming.PartitionedState.Layouts;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Tests.Api;

/// <summary>
/// The gateway in memory, reading the real Redis under its own namespace with two partitions; on the clock given, or
/// the system's. Requests without a key get the operator's (<see cref="TestTenancy"/>) unless <paramref name="tenancy"/> is false.
/// </summary>
internal sealed class GatewayApp(
    RealDependencies dependencies, string ns, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, bool tenancy = true)
    : WebApplicationFactory<Program>
{
    public const int Partitions = 2;

    public string Prefix { get; } = new PipelineOptions { Namespace = ns }.Prefix;

    public IDatabase Redis => dependencies.Redis.GetDatabase();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(dependencies.ServiceSettings(ns, Partitions)).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        if (tenancy) TestTenancy.Apply(builder);
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>Writes a hash of counts by hand.</summary>
    public Task WriteHashAsync(string key, params (string Field, long Value)[] fields) =>
        Redis.HashSetAsync(key, fields.Select(f => new HashEntry(f.Field, f.Value)).ToArray());

    /// <summary>Writes one day hash by hand, in the layout sessionization writes.</summary>
    public Task WriteDayAsync(string key, params (int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams)[] cells) =>
        Redis.HashSetAsync(key, cells.SelectMany(c => new HashEntry[]
        {
            new(PerformanceCounterLayout.DayField(c.Quarter, c.Offer, c.Marketplace, PerformanceCounterLayout.WatchedSuffix), c.WatchedMs),
            new(PerformanceCounterLayout.DayField(c.Quarter, c.Offer, c.Marketplace, PerformanceCounterLayout.StreamsSuffix), c.Streams),
        }).ToArray());

    public Task WriteTitlesAsync(int partition, params (string TitleId, long WatchedMs, long Streams)[] titles) =>
        Redis.HashSetAsync(PerformanceCounterLayout.Titles(Prefix, partition), titles.SelectMany(t => new HashEntry[]
        {
            new(PerformanceCounterLayout.TitleWatchedField(t.TitleId), t.WatchedMs),
            new(PerformanceCounterLayout.TitleStreamsField(t.TitleId), t.Streams),
        }).ToArray());
}
