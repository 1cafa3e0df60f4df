using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Streaming.ServiceDefaults;

public static partial class Telemetry
{
    /// <summary>
    /// The service's name in traces and metrics, and the name of its own ActivitySource and Meter: the project's name
    /// in kebab case (EngagementRanking → engagement-ranking), as the compose file and the Prometheus jobs spell it.
    /// </summary>
    public static string ServiceName(this IHostEnvironment environment) =>
        KebabBoundary().Replace(environment.ApplicationName, "$1-$2").ToLowerInvariant();

    /// <summary>
    /// Records spans even when no OTLP endpoint takes them, for an exporter added in code (the tests' in-memory one).
    /// </summary>
    public const string RecordTracesKey = "Telemetry:RecordTraces";

    internal static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Environment.ServiceName();
        var exports = OtlpExports.From(builder.Configuration);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName));
        // Spans are made only when something takes them: without a listener, MassTransit, ASP.NET Core and the Redis
        // client skip their activities, and the Redis instrumentation's profiling of every command (about 7 % of
        // sessionization's CPU under load, docs/benchmarks.md) is not switched on.
        if (exports.Traces || builder.Configuration.GetValue(RecordTracesKey, false))
        {
            telemetry.WithTracing(tracing =>
            {
                tracing
                    .AddSource(serviceName)
                    .AddSource("MassTransit")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/metrics") &&
                        !context.Request.Path.StartsWithSegments("/alive") &&
                        !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddRedisInstrumentation();
                if (exports.Traces) tracing.AddOtlpExporter();
            });
        }
        telemetry
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(serviceName)
                    .AddMeter("MassTransit")
                    .AddMeter(TransientRetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (exports.Metrics) metrics.AddOtlpExporter();
            })
            .WithLogging(
                logging =>
                {
                    if (exports.Logs) logging.AddOtlpExporter();
                },
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabBoundary();
}
