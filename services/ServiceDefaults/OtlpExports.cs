using Microsoft.Extensions.Configuration;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Which signals go out over OTLP: all three once <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, less those whose
/// <c>OTEL_{TRACES,METRICS,LOGS}_EXPORTER</c> is <c>none</c> (the OpenTelemetry variables' meaning). The compose stack
/// turns metrics off there: Prometheus scrapes /metrics, and a second copy through the collector would double every sum.
/// </summary>
internal sealed record OtlpExports(bool Traces, bool Metrics, bool Logs)
{
    public static OtlpExports From(IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        bool Wanted(string signal) => otlp &&
            !string.Equals(configuration[$"OTEL_{signal}_EXPORTER"]?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
        return new OtlpExports(Wanted("TRACES"), Wanted("METRICS"), Wanted("LOGS"));
    }
}
