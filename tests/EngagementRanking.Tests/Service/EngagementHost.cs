using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Tests.Service;

/// <summary>
/// The engagement service host on the real broker and Redis, under a namespace of its own, reading the time from
/// <see cref="Clock"/> (November 2, 2026 unless moved: October is open, September final).
/// </summary>
internal sealed class EngagementHost(RealDependencies deps, string hint, params (string Key, string Value)[] overrides)
    : WebApplicationFactory<Program>
{
    public string Namespace { get; } = RealDependencies.NewNamespace(hint);

    public string Prefix => new PipelineOptions { Namespace = Namespace }.Prefix;

    public IDatabase Redis => deps.Redis.GetDatabase();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-02T00:00:00Z"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in deps.ServiceSettings(Namespace)) builder.UseSetting(key, value);
        foreach (var (key, value) in overrides) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// Starts the host and waits for /health/ready, which includes MassTransit's bus check: only then is the queue
    /// bound to the exchange, so nothing published afterwards can miss it.
    /// </summary>
    public Task StartAsync() => Probes.WaitUntilReadyAsync(CreateClient(), "the engagement service");

    /// <summary>Publishes on the host's own bus, as sessionization would: same exchange, same namespace.</summary>
    public Task PublishAsync<T>(T message) where T : class => Services.GetRequiredService<IBus>().Publish(message);

    public async Task<long> StatAsync(string field) => (long?)await Redis.HashGetAsync(EngagementLayout.StateKey(Prefix), field) ?? 0;

    /// <summary>Polls a state field until it reaches <paramref name="expected"/>, then asserts it.</summary>
    public async Task WaitForStatAsync(string field, long expected) =>
        Assert.Equal(expected, await Eventually.UntilAsync(() => StatAsync(field), value => value >= expected, $"{field} to reach {expected}"));

    /// <summary>Messages in a queue of this namespace, from the broker's management API; null if it has none.</summary>
    public Task<long?> QueueMessagesAsync(string queue) => deps.QueueMessagesAsync(Namespace + "." + queue);
}
