extern alias SubscriptionsService;
using System.Net.Http.Json;
using MassTransit;
using StackExchange.Redis;
using Streaming.Contracts.Subscriptions;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Integration.Tests;

/// <summary>
/// <see cref="Pipeline"/> (ingest and gateway) plus the subscription service, all on the real broker and Redis under
/// one namespace; the subscription service can be stopped and started again like a crashed pod. It can join a
/// <see cref="Integration.Tests.Pipeline"/> made by the caller (one with sessionization, or a clock).
/// </summary>
public sealed class SubscriptionPipeline(RealDependencies deps, Pipeline pipeline, params (string Key, string Value)[] settings) : IAsyncDisposable
{
    private WebApplicationFactory<SubscriptionsService::Program>? _service;

    public SubscriptionPipeline(RealDependencies deps, string hint, params (string Key, string Value)[] settings)
        : this(deps, new Pipeline(deps, hint), settings)
    {
    }

    public Pipeline Pipeline { get; } = pipeline;

    private string Prefix => Pipeline.Namespace + ".";

    public void StartService()
    {
        _service = Pipeline.Configure(new WebApplicationFactory<SubscriptionsService::Program>()).WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
        _ = _service.Server; // builds and starts the host: the bus connects and the partition consumers start
    }

    /// <summary>An HTTP client of the running subscription service (health and metrics).</summary>
    public HttpClient ServiceClient() => _service!.CreateClient();

    public async Task StopServiceAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        _service = null;
    }

    public async Task<JsonObject> PostAsync(object events)
    {
        var response = await Pipeline.Ingest.PostAsJsonAsync("/v1/events/subscription", events);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"ingest answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Waits until the subscription service has handled this many events in all (the stats hashes' processed).</summary>
    public async Task WaitForProcessedAsync(long expected)
    {
        var counts = await Eventually.UntilAsync(CountsAsync, c => c.Processed >= expected,
            $"the subscription service to have processed {expected} events (service running: {_service is not null})", TimeSpan.FromSeconds(60));
        Assert.True(counts.Processed == expected, $"processed {counts.Processed}, not {expected}: {counts}");
    }

    public async Task<long> StatAsync(string field)
    {
        long sum = 0;
        for (var p = 0; p < Pipeline.Partitions; p++)
        {
            sum += (long?)await deps.Redis.GetDatabase().HashGetAsync(ChannelCounterLayout.StatsKey(Prefix, p), field) ?? 0;
        }
        return sum;
    }

    /// <summary>The counts a failed wait shows, summed over the partitions.</summary>
    private async Task<Counts> CountsAsync()
    {
        RedisValue[] fields = [ChannelCounterLayout.Stats.Processed, ChannelCounterLayout.Stats.Applied, ChannelCounterLayout.Stats.Duplicates, ChannelCounterLayout.Stats.Late];
        var sums = new long[fields.Length];
        for (var p = 0; p < Pipeline.Partitions; p++)
        {
            var values = await deps.Redis.GetDatabase().HashGetAsync(ChannelCounterLayout.StatsKey(Prefix, p), fields);
            for (var i = 0; i < fields.Length; i++) sums[i] += (long?)values[i] ?? 0;
        }
        return new Counts(sums[0], sums[1], sums[2], sums[3]);
    }

    private sealed record Counts(long Processed, long Applied, long Duplicates, long Late);

    public async Task<JsonObject> GetAsync(string pathAndQuery)
    {
        var response = await Pipeline.Gateway.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"gateway answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Sends a batch straight to its partition queue under a given message id, as a broker redelivery brings it back.</summary>
    public async Task SendAsync(SubscriptionEventsAccepted batch, Guid messageId)
    {
        var bus = _service!.Services.GetRequiredService<IBus>();
        var queue = await bus.GetSendEndpoint(new Uri($"queue:{SubscriptionPartitioning.QueueName(Prefix, batch.Partition)}"));
        await queue.Send(batch, context => context.MessageId = messageId);
    }

    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        await Pipeline.DisposeAsync();
    }
}
