extern alias IngestService;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// OTLP export as the compose stack configures it: with an endpoint, a service sends its signals there; with
/// <c>OTEL_METRICS_EXPORTER=none</c> it sends traces but keeps its metrics for Prometheus' scrape.
/// </summary>
public sealed class OtlpExportTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("none", false)]
    public async Task A_service_exports_over_otlp_the_signals_not_turned_off(string? metricsExporter, bool metricsExpected)
    {
        await using var collector = await OtlpSink.StartAsync();
        await using var ingest = new WebApplicationFactory<IngestService::Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(RealDependencies.NewNamespace("otlp"))) builder.UseSetting(key, value);
            TestTenancy.Apply(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Address);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "200");
            if (metricsExporter is not null) builder.UseSetting("OTEL_METRICS_EXPORTER", metricsExporter);
        });

        var response = await ingest.CreateClient().PostAsync("/v1/events/playback", new StringContent("[]"));
        Assert.True(response.IsSuccessStatusCode);

        await Eventually.UntilAsync(() => collector.Received("/v1/traces") > 0, "traces at the collector");
        // A flush exports at once, over OTLP when it is on: no need to wait out an export interval to see none come.
        ingest.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        Assert.Equal(metricsExpected, collector.Received("/v1/metrics") > 0);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task A_service_records_spans_only_when_something_takes_them(string? recordTraces, bool expected)
    {
        await using var ingest = new WebApplicationFactory<IngestService::Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(RealDependencies.NewNamespace("spans"))) builder.UseSetting(key, value);
            TestTenancy.Apply(builder);
            if (recordTraces is not null) builder.UseSetting(ServiceDefaults.Telemetry.RecordTracesKey, recordTraces);
        });

        var response = await ingest.CreateClient().PostAsync("/v1/events/playback", new StringContent("[]"));
        Assert.True(response.IsSuccessStatusCode);

        // No OTLP endpoint: without the setting no tracer provider exists, so nothing listens to the sources.
        Assert.Equal(expected, ingest.Services.GetService<TracerProvider>() is not null);
    }

    /// <summary>An OTLP/HTTP endpoint on loopback that counts the export requests per signal path.</summary>
    private sealed class OtlpSink : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _requests = new();

        private OtlpSink(WebApplication app) => _app = app;

        public string Address => _app.Urls.Single();

        public int Received(string path) => _requests.GetValueOrDefault(path);

        public static async Task<OtlpSink> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var sink = new OtlpSink(app);
            app.MapPost("/v1/{signal}", (string signal, HttpContext context) =>
            {
                sink._requests.AddOrUpdate("/v1/" + signal, 1, (_, n) => n + 1);
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok(); // an empty body is an empty Export*ServiceResponse: all accepted
            });
            await app.StartAsync();
            return sink;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
