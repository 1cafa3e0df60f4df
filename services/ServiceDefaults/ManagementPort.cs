using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Who may read <c>/metrics</c>, the OpenAPI documents and the API reference page: requests on the internal
/// management port (<see cref="ManagementOptions"/>) without a key, and elsewhere the operator, whom the service's key
/// authentication recognises (Tenancy adds that handler of <see cref="ManagementAccessRequirement"/>). Anybody else
/// gets 401 without a valid key, 403 with another kind of key. The port serves nothing else: any other path is 404
/// there, so an API route never answers without its key.
/// </summary>
public static class ManagementPort
{
    /// <summary>The authorization policy of the operators' endpoints.</summary>
    public const string Policy = "management";

    /// <summary>What the management port serves; the probes are open on every port anyway.</summary>
    private static readonly PathString[] Served = ["/alive", "/health", "/metrics", "/openapi", SecurityHeaders.ApiReferencePath];

    internal static void AddManagementPort(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ManagementOptions>(ManagementOptions.Section);
        builder.Services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy.AddRequirements(new ManagementAccessRequirement())));
        builder.Services.AddSingleton<IAuthorizationHandler, OnManagementPort>();
        if (builder.Configuration.GetValue<int?>($"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)}") is { } port and > 0 and <= 65535)
        {
            builder.Configuration[WebHostDefaults.ServerUrlsKey] = WithManagementPort(builder.Configuration, port);
        }
    }

    /// <summary>
    /// The service's addresses (<c>urls</c>, else <c>http_ports</c>/<c>https_ports</c>, else Kestrel's default) and the
    /// management port on the host of the first of them: setting <c>urls</c> keeps the ones Kestrel would have bound,
    /// where listening in code would replace them.
    /// </summary>
    internal static string WithManagementPort(IConfiguration configuration, int port)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured
            ? configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : Ports(configuration, WebHostDefaults.HttpPortsKey, "http").Concat(Ports(configuration, WebHostDefaults.HttpsPortsKey, "https")).ToArray();
        if (urls.Length == 0) urls = ["http://localhost:5000"];
        if (urls.Any(url => url.TrimEnd('/').EndsWith($":{port}", StringComparison.Ordinal)))
        {
            // The whole API would answer 404 there, and /metrics and the documents without a key.
            throw new InvalidOperationException(
                $"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)} is invalid: {port} is also the service's own port ({string.Join(';', urls)}); give the management port one of its own");
        }
        var host = HostOf(urls[0]);
        return string.Join(';', urls.Append($"http://{host}:{port}"));
    }

    private static IEnumerable<string> Ports(IConfiguration configuration, string key, string scheme) =>
        (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");

    /// <summary>The host part of a Kestrel address, wildcards (<c>*</c>, <c>+</c>) and IPv6 brackets included.</summary>
    private static string HostOf(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    /// <summary>Whether the request came in on the management port (the socket's port, which a client cannot fake).</summary>
    public static bool IsOnManagementPort(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<ManagementOptions>>().Value.Port is { } port && http.Connection.LocalPort == port;

    /// <summary>On the management port, 404 for everything it does not serve (before any route, file or key check).</summary>
    internal static IApplicationBuilder UseManagementPortLimits(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.IsOnManagementPort() && !Served.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    });

    private sealed class OnManagementPort : AuthorizationHandler<ManagementAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManagementAccessRequirement requirement)
        {
            if (context.Resource is HttpContext http && http.IsOnManagementPort()) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The requirement of <see cref="ManagementPort.Policy"/>: met on the management port, or by the operator.</summary>
public sealed class ManagementAccessRequirement : IAuthorizationRequirement;
