namespace Streaming.Gateway.Dashboard;

public static class DashboardFiles
{
    /// <summary>
    /// Finds the page's files when the gateway runs from its build output in any environment (infra/run-all.sh runs
    /// bin/Release in Production, where ASP.NET Core maps the project's wwwroot only in Development). A published
    /// gateway has them in its own wwwroot and needs nothing.
    /// </summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>
    /// Serves the web dashboard from <c>wwwroot</c>: <c>/</c> is <c>index.html</c>. Files that do not exist fall
    /// through to the API routes, so no route changes meaning.
    /// </summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // File names carry no version: a browser revalidates (ETag) instead of running yesterday's script.
                headers.CacheControl = "no-cache";
                // nosniff and the same-origin content security policy come with every response (SecurityHeaders).
            },
        });
        return app;
    }
}
