extern alias SessionizationService;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;
using SessionizationExtensions = SessionizationService::Streaming.Sessionization.Extensions.SessionizationExtensions;

namespace Streaming.Integration.Tests;

/// <summary>
/// The operator's <c>errors</c> command (docs/operations.md, "Moving _error messages back") with sessionization's
/// configuration, on the real broker: it lists the _error queues, moves their messages back without MassTransit's
/// fault headers, and moving the same messages back twice counts them once.
/// </summary>
public sealed class ErrorsCommandTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const int Partition = 1;

    [Fact]
    public async Task Requeued_messages_count_once_even_when_requeued_twice()
    {
        await using var pipeline = new Pipeline(deps, "requeue");
        pipeline.StartSessionization();
        var queue = PlaybackPartitioning.QueueName(pipeline.Namespace + ".", Partition);
        await Eventually.UntilAsync(async () => await deps.QueueMessagesAsync(queue) is not null, "the partition queues declared");
        Guid[] ids = [NewId.NextGuid(), NewId.NextGuid()];
        await FaultedAsync(pipeline.IngestServices, queue, ids);

        var (listed, list) = await ErrorsAsync(pipeline.Namespace, "errors", "list");
        Assert.Equal(0, listed);
        Assert.Contains($"{queue}_error\t2", list);
        Assert.Equal(Pipeline.Partitions, list.Length);

        var (requeued, moved) = await ErrorsAsync(pipeline.Namespace, "errors", "requeue", $"playback-events-{Partition}");
        Assert.Equal(0, requeued);
        Assert.Equal([.. ids.Select(id => $"moved {id} {queue}_error -> {queue} (had faulted: {Fault}: {FaultMessage})"), "moved 2 message(s)"], moved);

        await pipeline.WaitForProcessedAsync(12);
        // A 2.00 min / 3 streams, B 3.75 min / 1 stream (EndToEndTests' TwoTitles).
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));

        // The same two messages fault and are moved back again (one per run with --max 1): their markers say applied.
        await FaultedAsync(pipeline.IngestServices, queue, ids);
        Assert.Equal((0, "moved 1 message(s)"), Last(await ErrorsAsync(pipeline.Namespace, "errors", "requeue", "--all", "--max", "1")));
        Assert.Single(await deps.PeekAsync(queue + "_error"));
        Assert.Equal((0, "moved 1 message(s)"), Last(await ErrorsAsync(pipeline.Namespace, "errors", "requeue", "--all")));
        // One new event behind them on the same queue (one consumer, in order): once it counts, the copies were handled.
        var sentinel = new PlaybackEventsAccepted
        {
            Partition = Partition, AcceptedAt = DateTimeOffset.UtcNow, Events = [WireEvents.PlaybackRecord(Ev("s1", "play", 0, customer: "c9", title: "S"))],
        };
        await (await pipeline.IngestServices.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}"))).Send(sentinel.ToPacked());
        await pipeline.WaitForProcessedAsync(13);

        Assert.Equal(13, await pipeline.ProcessedAsync());
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));
        Assert.Equal(0, await deps.QueueMessagesAsync(queue + "_error"));
    }

    [Fact]
    public async Task A_moved_message_keeps_its_body_and_headers_but_not_the_fault_headers()
    {
        await using var pipeline = new Pipeline(deps, "reqhdr"); // its ingest's bus sends; nothing consumes "plain"
        var queue = pipeline.Namespace + ".plain";
        await deps.DeclareQueueAsync(queue);
        Guid[] ids = [NewId.NextGuid()];
        await FaultedAsync(pipeline.IngestServices, queue, ids);
        var before = Assert.Single(await deps.PeekAsync(queue + "_error"));

        var (code, output) = await ErrorsAsync(pipeline.Namespace, p => [p.Prefix + "plain"], "errors", "requeue", "plain");

        Assert.Equal((0, "moved 1 message(s)"), (code, output[^1]));
        var after = Assert.Single(await deps.PeekAsync(queue));
        Assert.Equal((ids[0].ToString(), before.Payload), (after.MessageId, after.Payload));
        Assert.Equal(before.Headers.Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason"), after.Headers);
        Assert.Equal("kept", after.Headers["x-operator-note"]);
        Assert.Empty(await deps.PeekAsync(queue + "_error"));
    }

    [Theory]
    [InlineData("errors")]
    [InlineData("errors", "requeue")]
    [InlineData("errors", "requeue", "no-such-queue")]
    [InlineData("errors", "requeue", "--all", "--max", "0")]
    [InlineData("errors", "requeue", "--all", "--limit", "3")]
    [InlineData("errors", "purge", "--all")]
    public async Task A_command_it_does_not_know_gets_the_usage_and_the_queues(params string[] args)
    {
        await using var pipeline = new Pipeline(deps, "requsage");
        var (code, output) = await ErrorsAsync(pipeline.Namespace, args);

        Assert.Equal(2, code);
        Assert.Equal("usage: errors list | errors requeue <queue>|--all [--max N]", output[0]);
        Assert.Equal("queues: " + string.Join(", ", Enumerable.Range(0, Pipeline.Partitions).Select(p => $"{pipeline.Namespace}.playback-events-{p}")), output[1]);
    }

    [Fact]
    public async Task Without_the_broker_nothing_moves_and_it_says_so()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RabbitMq:Port"] = "1" }).Build();
        var output = new StringWriter();

        Assert.Equal(1, await ErrorsCommand.RunAsync(configuration, ["errors", "requeue", "--all"], output, SessionizationExtensions.Queues));
        Assert.StartsWith("RabbitMQ refused or does not answer", output.ToString());
    }

    private const string Fault = "StackExchange.Redis.RedisConnectionException";
    private const string FaultMessage = "No connection is active/available to service this operation";

    /// <summary>Twelve events in two messages, in the _error queue as MassTransit's error transport leaves them after an outage.</summary>
    private static async Task FaultedAsync(IServiceProvider services, string queue, Guid[] ids)
    {
        var events = TwoTitles().Select(WireEvents.PlaybackRecord).ToList();
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}_error"));
        for (var m = 0; m < ids.Length; m++)
        {
            var batch = new PlaybackEventsAccepted { Partition = Partition, AcceptedAt = DateTimeOffset.UtcNow, Events = [.. events.Skip(6 * m).Take(6)] };
            await endpoint.Send(batch.ToPacked(), c =>
            {
                c.MessageId = ids[m];
                c.Headers.Set("MT-Reason", "fault");
                c.Headers.Set("MT-Fault-ExceptionType", Fault);
                c.Headers.Set("MT-Fault-Message", FaultMessage);
                c.Headers.Set("MT-Fault-RetryCount", 34);
                c.Headers.Set("x-operator-note", "kept");
            });
        }
    }

    private Task<(int ExitCode, string[] Lines)> ErrorsAsync(string ns, params string[] args) => ErrorsAsync(ns, SessionizationExtensions.Queues, args);

    private async Task<(int ExitCode, string[] Lines)> ErrorsAsync(string ns, Func<PipelineOptions, IReadOnlyList<string>> queues, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(deps.ServiceSettings(ns, Pipeline.Partitions)).Build();
        var output = new StringWriter();
        var exitCode = await ErrorsCommand.RunAsync(configuration, args, output, queues);
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static (int, string) Last((int ExitCode, string[] Lines) run) => (run.ExitCode, run.Lines[^1]);
}
