using Microsoft.AspNetCore.Builder;
using Scalar.AspNetCore;

namespace Streaming.ServiceDefaults;

public static class ApiDocuments
{
    /// <summary>
    /// The OpenAPI document at /openapi/v1.json and an API reference page for it (Scalar) at /scalar/, in every
    /// environment. The page's scripts are embedded in the package and served by the service itself; the fonts,
    /// telemetry, AI features and developer toolbar that would call Scalar's servers are off, so the page works
    /// without the internet.
    /// </summary>
    public static WebApplication MapApiDocuments(this WebApplication app, string title)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/scalar", options => options
            .WithTitle(title)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }
}
