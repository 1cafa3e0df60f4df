using System.Text.RegularExpressions;
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

    internal static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Environment.ServiceName();
        var exports = OtlpExports.From(builder.Configuration);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
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
            })
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
