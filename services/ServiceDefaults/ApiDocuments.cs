using Microsoft.AspNetCore.Builder;
using Scalar.AspNetCore;

namespace Streaming.ServiceDefaults;

public static class ApiDocuments
{
    /// <summary>
    /// The OpenAPI document at /openapi/v1.json and an API reference page for it (Scalar) at /scalar/, in every
    /// environment. The page's scripts are embedded in the package and served by the service itself; the fonts,
    /// telemetry, AI features and developer toolbar that would call Scalar's servers are off, so the page works
    /// without the internet. Both are for the operator or the management port (<see cref="ManagementPort"/>).
    /// </summary>
    public static WebApplication MapApiDocuments(this WebApplication app, string title)
    {
        app.MapOpenApi().RequireAuthorization(ManagementPort.Policy);
        app.MapScalarApiReference("/scalar", options => options
            .WithTitle(title)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools())
            .RequireAuthorization(ManagementPort.Policy);
        return app;
    }
}
