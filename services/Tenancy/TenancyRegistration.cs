using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.ServiceDefaults;

namespace Streaming.Tenancy;

public static class TenancyRegistration
{
    /// <summary>
    /// The operator key (<c>Auth:OperatorKey</c>, required), the store and the in-memory cache of the catalog and keys,
    /// key authentication and the <see cref="CallerPolicies"/>, and the operator's access to /metrics and the OpenAPI
    /// documents (<see cref="ManagementPort"/>). Needs the Redis multiplexer (<c>AddRedis</c>).
    /// <paramref name="acceptsSessionCookie"/>: keys are also read from the dashboard's session cookie (the gateway).
    /// </summary>
    /// <param name="playerKeyInQuery">
    /// Whether a player key may come as the <c>key</c> query parameter when there is no <c>Authorization</c> header
    /// (ingest: <c>navigator.sendBeacon</c> cannot set headers).
    /// </param>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder, bool acceptsSessionCookie = false, bool playerKeyInQuery = false)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddValidatedOptions<TenancyOptions>(TenancyOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<TenancyStore>();
        services.AddSingleton<TenancyCache>();
        services.AddSingleton<CallerResolver>();
        services.AddHostedService(sp => sp.GetRequiredService<TenancyCache>());
        services.AddAuthentication(KeyAuthenticationHandler.SchemeName)
            .AddScheme<KeyAuthenticationOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName,
                options => (options.AcceptsSessionCookie, options.PlayerKeyInQuery) = (acceptsSessionCookie, playerKeyInQuery));
        services.AddAuthorization(CallerPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, OperatorManagementAccess>();
        return builder;
    }
}
