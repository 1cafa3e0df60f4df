using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Streaming.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";

    /// <summary>
    /// Wiring every service shares: telemetry, health checks, problem details (503 with Retry-After while Redis or
    /// the broker is away; a request that does not bind names its field: <see cref="BadRequestHandler"/>), pipeline
    /// and resilience options, the management port (<see cref="ManagementPort"/>) and the Bearer key in the OpenAPI
    /// documents (<see cref="BearerKeyDocuments"/>).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddTelemetry();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = BadRequestHandler.NameTheBody);
        builder.Services.AddExceptionHandler<DependencyOutageHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddValidatedOptions<ResilienceOptions>(ResilienceOptions.Section);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddValidatedOptions<PipelineOptions>(PipelineOptions.Section);
        builder.AddManagementPort();
        builder.Services.AddBearerKeyDocuments();
        return builder;
    }

    /// <summary>
    /// /alive (the process answers) and /health/ready (its broker and Redis work) in every environment and on every
    /// port, without a key; the Prometheus scrape endpoint at /metrics for the operator or on the management port
    /// (<see cref="ManagementPort"/>), which serves nothing else; the security headers on every response
    /// (<see cref="SecurityHeaders"/>). Needs the service's key authentication (Tenancy's <c>AddTenancy</c>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseManagementPortLimits();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready");
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(ManagementPort.Policy);
        return app;
    }
}
