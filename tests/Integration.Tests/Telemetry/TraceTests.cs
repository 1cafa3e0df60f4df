extern alias SessionizationService;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Streaming.Contracts.Playback;
using BatchMessage = SessionizationService::Streaming.Sessionization.BatchMessage;
using BatchProcessor = SessionizationService::Streaming.Sessionization.BatchProcessor;

namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// One trace follows events from the ingest request through RabbitMQ, the sessionization batch and its Redis commit,
/// to the engagement-ranking consumer of the facts that batch published; each service exports its own part.
/// </summary>
public sealed class TraceTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly TimeSpan SpanWait = TimeSpan.FromSeconds(30); // Redis spans are drained every 0.1-10 s

    /// <summary>One stream (one key, so one partition and one message): play and four heartbeats 30 s apart.</summary>
    private static List<JsonObject> OneStream(string prefix, string customer = "c1") =>
        [.. Enumerable.Range(0, 5).Select(i => Ev($"{prefix}-{i}", i == 0 ? "play" : "heartbeat", 30 * i, customer: customer))];

    [Fact]
    public async Task One_trace_runs_from_the_ingest_request_through_the_sessionization_commit_to_engagement_ranking()
    {
        await using var stage = await TracedPipeline.StartAsync(deps, "trace");
        var spans = stage.Spans;

        var trace = await stage.PostTracedAsync(OneStream("t"));
        await stage.Pipeline.WaitForProcessedAsync(5);

        await Eventually.UntilAsync(() =>
            BatchSpan(spans.Of("sessionization", trace)) is { } batch &&
            spans.Of("sessionization", trace).Any(s => IsRedisScript(s) && s.ParentSpanId == batch.SpanId) &&
            spans.Of("engagement-ranking", trace).Any(IsEngagementConsumer) &&
            spans.Of("engagement-ranking", trace).Any(IsRedisScript), "every part of the trace", SpanWait, () => "\n" + Describe(spans, trace));

        var server = Assert.Single(spans.Of("ingest", trace), s => s.Kind == ActivityKind.Server);
        Assert.Equal("/v1/events/playback", server.GetTagItem("http.route"));
        Assert.Contains(spans.Of("ingest", trace), s => s.Source.Name == "ingest" && s.OperationName == "send playback events");
        Assert.Contains(spans.Of("ingest", trace), s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer);
        Assert.Contains(spans.Of("sessionization", trace), s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
        var batchSpan = BatchSpan(spans.Of("sessionization", trace))!;
        Assert.Equal(1, batchSpan.GetTagItem("messaging.batch.message_count"));
        // The facts are published after the batch is done, in a span that is the batch span's child, so the engagement
        // side is its descendant, not a new trace.
        var publishFacts = Assert.Single(spans.Of("sessionization", trace), s => s.OperationName == "publish facts");
        Assert.Equal(batchSpan.SpanId, publishFacts.ParentSpanId);
        Assert.Contains(spans.Of("sessionization", trace), s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer &&
            s.ParentSpanId == publishFacts.SpanId);
    }

    [Fact]
    public async Task Every_request_of_a_multi_message_batch_reaches_the_batch_commit_from_its_own_trace()
    {
        // Messages wait in the queue until sessionization starts; the first is applied at once and the others, arrived
        // meanwhile, are applied together after it.
        await using var stage = await TracedPipeline.StartAsync(deps, "trace-batch", startSessionization: false);
        var spans = stage.Spans;
        var traces = new List<ActivityTraceId>();
        for (var i = 0; i < 4; i++)
        {
            traces.Add(await stage.PostTracedAsync(new[] { Ev($"m{i}", i == 0 ? "play" : "heartbeat", 30 * i) }));
        }

        stage.Pipeline.StartSessionization();
        await stage.Pipeline.WaitForProcessedAsync(4);

        // Each request's trace holds either the batch span itself or a span linked to it.
        Activity? BatchReachedFrom(ActivityTraceId trace)
        {
            var own = spans.Of("sessionization", trace);
            return BatchSpan(own) ?? own
                .Where(s => s.Source.Name == "sessionization" && s.OperationName == "applied in batch")
                .SelectMany(s => s.Links)
                .Select(link => BatchSpan(spans.Of("sessionization", link.Context.TraceId)))
                .FirstOrDefault(b => b is not null);
        }
        bool Committed(Activity batch) => spans.Of("sessionization", batch.TraceId).Any(s => IsRedisScript(s) && s.ParentSpanId == batch.SpanId);
        await Eventually.UntilAsync(() => traces.All(t => BatchReachedFrom(t) is { } b && Committed(b)), "every request's trace to reach its batch's commit",
            SpanWait, () => "\n" + string.Join("\n---\n", traces.Select(t => Describe(spans, t))));

        var batches = traces.Select(t => BatchReachedFrom(t)!).DistinctBy(b => b.SpanId).ToList();
        Assert.Contains(batches, b => (int)b.GetTagItem("messaging.batch.message_count")! > 1); // else nothing was batched
        foreach (var batch in batches)
        {
            Assert.Equal(batch.GetTagItem("messaging.batch.message_count"), batch.Links.Count()); // it links every message it holds
        }
        Assert.Equal(traces.ToHashSet(), batches.SelectMany(b => b.Links).Select(l => l.Context.TraceId).ToHashSet());
    }

    [Fact]
    public async Task Facts_published_from_the_outbox_after_a_crash_continue_the_trace_of_the_batch_that_committed_them()
    {
        await using var stage = await TracedPipeline.StartAsync(deps, "trace-outbox");
        var processor = stage.Pipeline.SessionizationServices!.GetRequiredService<BatchProcessor>();
        var events = OneStream("o").Select(WireEvents.PlaybackRecord).ToList();
        var partition = PlaybackPartitioning.PartitionOf("c1", "tv", "A", Pipeline.Partitions);
        var message = new PlaybackEventsAccepted { Partition = partition, AcceptedAt = DateTimeOffset.UtcNow, Events = events };

        // The batch commits inside a span of a trace of ours, then the facts' publication fails: they stay in the outbox.
        var trace = ActivityTraceId.CreateRandom();
        using (var committing = new Activity("committing batch").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            await processor.ProcessAsync(partition, [new BatchMessage(Guid.NewGuid(), message)], _ => throw new IOException("lost between commit and publish"));
        }
        Assert.DoesNotContain(stage.Spans.Of("engagement-ranking", trace), IsEngagementConsumer);

        // The next start publishes what the outbox kept, in the committing batch's trace.
        await stage.Pipeline.StopSessionizationAsync();
        stage.Pipeline.StartSessionization();

        await Eventually.UntilAsync(() =>
            stage.Spans.Of("sessionization", trace).Any(s => s.OperationName == "publish from outbox") &&
            stage.Spans.Of("engagement-ranking", trace).Any(IsEngagementConsumer), "the outbox publication in the trace", SpanWait, () => "\n" + Describe(stage.Spans, trace));
    }

    [Fact]
    public async Task Gateway_queries_are_traced_down_to_their_redis_reads()
    {
        await using var stage = await TracedPipeline.StartAsync(deps, "trace-gw", startSessionization: false);

        var trace = await stage.QueryTracedAsync("/v1/metrics/performance?" + TwoTitlesQuery);

        // The server span ends (and is exported) after the answer is written, so after its Redis spans: wait for both.
        await Eventually.UntilAsync(() => stage.Spans.Of("gateway", trace).Any(s => s.Source.Name.Contains("Redis")) &&
            stage.Spans.Of("gateway", trace).Any(s => s.Kind == ActivityKind.Server), "a Redis span under the gateway query and the server span",
            SpanWait, () => "\n" + Describe(stage.Spans, trace));
        var server = Assert.Single(stage.Spans.Of("gateway", trace), s => s.Kind == ActivityKind.Server);
        Assert.Equal("/v1/metrics/performance", server.GetTagItem("http.route"));
    }

    [Fact]
    public async Task Each_service_names_itself_in_its_resource()
    {
        await using var stage = await TracedPipeline.StartAsync(deps, "trace-names");

        Assert.Equal("ingest", ServiceName(stage.Pipeline.IngestServices));
        Assert.Equal("gateway", ServiceName(stage.Pipeline.GatewayServices));
        Assert.Equal("sessionization", ServiceName(stage.Pipeline.SessionizationServices!));
        Assert.Equal("engagement-ranking", ServiceName(stage.EngagementServices));

        static object? ServiceName(IServiceProvider host) =>
            host.GetRequiredService<TracerProvider>().GetResource().Attributes.Single(a => a.Key == "service.name").Value;
    }

    private static Activity? BatchSpan(IEnumerable<Activity> spans) =>
        spans.FirstOrDefault(s => s.Source.Name == "sessionization" && s.OperationName == "apply batch");

    private static bool IsRedisScript(Activity span) =>
        span.Source.Name.Contains("Redis") && span.DisplayName is "EVAL" or "EVALSHA";

    private static bool IsEngagementConsumer(Activity span) =>
        span.Source.Name == "MassTransit" && (span.GetTagItem("messaging.masstransit.consumer_type") as string ?? "").Contains("EngagementFactsConsumer");

    private static string Describe(ExportedSpans spans, ActivityTraceId trace) => string.Join("\n",
        new[] { "ingest", "sessionization", "engagement-ranking", "gateway" }.SelectMany(service => spans.Of(service, trace)
            .Select(s => $"  [{service}] {s.Source.Name} '{s.DisplayName}' {s.Kind} span {s.SpanId} parent {s.ParentSpanId} links {s.Links.Count()}")));
}
