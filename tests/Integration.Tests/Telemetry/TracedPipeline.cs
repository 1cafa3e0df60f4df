extern alias EngagementService;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// <see cref="Pipeline"/> plus the engagement-ranking service, every host exporting its spans into <see cref="Spans"/>.
/// Requests carry a traceparent of the test's making, so the test finds its trace among those of parallel tests.
/// </summary>
public sealed class TracedPipeline : IAsyncDisposable
{
    private WebApplicationFactory<EngagementService::Program> _engagement = null!;

    private TracedPipeline(RealDependencies deps, string hint, (string Key, string Value)[] settings)
    {
        Pipeline = new Pipeline(deps, hint, configureHost: builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            Spans.AddTo(builder);
        });
    }

    public ExportedSpans Spans { get; } = new();

    public Pipeline Pipeline { get; }

    public IServiceProvider EngagementServices => _engagement.Services;

    /// <summary>Starts engagement ranking (ready, so its queue is bound before facts are published), then sessionization unless told not to.</summary>
    public static async Task<TracedPipeline> StartAsync(
        RealDependencies deps, string hint, bool startSessionization = true, params (string Key, string Value)[] settings)
    {
        var stage = new TracedPipeline(deps, hint, settings);
        stage._engagement = stage.Pipeline.Configure(new WebApplicationFactory<EngagementService::Program>());
        await Probes.WaitUntilReadyAsync(stage._engagement.CreateClient(), "the engagement service");
        if (startSessionization) stage.Pipeline.StartSessionization();
        return stage;
    }

    /// <summary>Posts playback events as a request of a new trace (a traceparent header, as a traced client sends), and returns that trace.</summary>
    public async Task<ActivityTraceId> PostTracedAsync(object events)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events/playback") { Content = JsonContent.Create(events) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        var response = await Pipeline.Ingest.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return trace;
    }

    /// <summary>A gateway query as a request of a new trace; returns that trace.</summary>
    public async Task<ActivityTraceId> QueryTracedAsync(string pathAndQuery)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        var response = await Pipeline.Gateway.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"gateway answered {(int)response.StatusCode}");
        return trace;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await _engagement.DisposeAsync();
    }
}
