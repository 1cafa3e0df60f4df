extern alias GatewayService;
extern alias IngestService;
extern alias SessionizationService;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;

namespace Streaming.Integration.Tests;

/// <summary>
/// The partition count is part of the data (docs/operations.md, "Changing the partition count"): the first service of
/// a namespace records it in Redis, a service configured with another count refuses to start naming both numbers
/// (before, it started and routed stream keys to other partitions: state lost or counted twice), and the operator's
/// <c>partitions change</c> switches it only after the partition queues drained.
/// </summary>
public sealed class PartitionCountTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private WebApplicationFactory<T> Host<T>(string ns, int partitions) where T : class =>
        new WebApplicationFactory<T>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(ns, partitions)) builder.UseSetting(key, value);
        });

    private static string Refusal<T>(WebApplicationFactory<T> host) where T : class =>
        StartupFailure.Messages(Assert.ThrowsAny<Exception>(() => host.CreateClient()));

    private Task<RedisValue> StoredAsync(string ns) => deps.Redis.GetDatabase().StringGetAsync(PartitionCountStore.Key(ns + "."));

    [Fact]
    public async Task A_service_configured_with_another_count_than_the_data_refuses_to_start_and_names_both()
    {
        var ns = RealDependencies.NewNamespace("partcount");
        await using (var first = Host<SessionizationService::Program>(ns, 4))
        {
            first.CreateClient();
        }
        Assert.Equal("4", await StoredAsync(ns));

        await using var gateway = Host<GatewayService::Program>(ns, 8);
        await using var ingest = Host<IngestService::Program>(ns, 8);
        await using var sessionization = Host<SessionizationService::Program>(ns, 2);

        Assert.Contains($"Pipeline:Partitions is 8, but the data of namespace '{ns}' was written with 4 partitions", Refusal(gateway));
        Assert.Contains($"Pipeline:Partitions is 8, but the data of namespace '{ns}' was written with 4 partitions", Refusal(ingest));
        Assert.Contains($"Pipeline:Partitions is 2, but the data of namespace '{ns}' was written with 4 partitions", Refusal(sessionization));
        Assert.Equal("4", await StoredAsync(ns));
    }

    [Fact]
    public async Task The_count_changes_only_after_the_partition_queues_drained_and_then_the_new_count_starts()
    {
        var ns = RealDependencies.NewNamespace("partchange");
        await using (var before = Host<GatewayService::Program>(ns, 4))
        {
            before.CreateClient(); // records 4; the gateway consumes no partition queue
        }
        var queue = PlaybackPartitioning.QueueName(ns + ".", 2);
        await deps.DeclareQueueAsync(queue);
        await deps.PublishRawAsync(queue, Guid.NewGuid().ToString(), "{}"); // routed by the old count, not yet processed

        Assert.Equal((1, $"not changed: partition queues still hold messages routed by the old count (stop ingest and let them drain): {queue} 1"),
            await PartitionsAsync(ns, "partitions", "change", "--from", "4", "--to", "8"));
        Assert.Equal("4", await StoredAsync(ns));

        await deps.DeleteQueueAsync(queue); // drained (a queue that is gone holds nothing)
        Assert.Equal((0, "stored 8 (was 4): restart every service with Pipeline:Partitions=8"),
            await PartitionsAsync(ns, "partitions", "change", "--from", "4", "--to", "8"));
        Assert.Equal((1, "not changed: the stored count is 8, not 4"), await PartitionsAsync(ns, "partitions", "change", "--from", "4", "--to", "16"));
        Assert.Equal((0, "configured 4, stored 8"), await PartitionsAsync(ns, "partitions"));

        await using var old = Host<SessionizationService::Program>(ns, 4);
        Assert.Contains("Pipeline:Partitions is 4, but", Refusal(old));
        await using var after = Host<SessionizationService::Program>(ns, 8);
        after.CreateClient();
        Assert.Equal("8", await StoredAsync(ns));
    }

    [Theory]
    [InlineData("partitions", "change")]
    [InlineData("partitions", "change", "--from", "4", "--to", "0")]
    [InlineData("partitions", "change", "--from", "4", "--to", "65")]
    [InlineData("partitions", "set", "8")]
    public async Task A_command_it_does_not_know_gets_the_usage(params string[] args)
    {
        Assert.Equal((2, "usage: partitions | partitions change --from <stored count> --to <new count>"),
            await PartitionsAsync(RealDependencies.NewNamespace("partusage"), args));
    }

    private async Task<(int ExitCode, string Output)> PartitionsAsync(string ns, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(deps.ServiceSettings(ns)).Build();
        var output = new StringWriter();
        var exitCode = await PartitionsCommand.RunAsync(configuration, args, output);
        return (exitCode, output.ToString().Trim());
    }
}
