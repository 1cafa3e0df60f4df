using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.ServiceDefaults;

namespace Streaming.Tenancy;

public static class TenancyRegistration
{
    /// <summary>
    /// The operator key (<c>Auth:OperatorKey</c>, required), the store and the in-memory cache of the catalog and keys,
    /// key authentication and the <see cref="CallerPolicies"/>. Needs the Redis multiplexer (<c>AddRedis</c>).
    /// </summary>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddValidatedOptions<TenancyOptions>(TenancyOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<TenancyStore>();
        services.AddSingleton<TenancyCache>();
        services.AddHostedService(sp => sp.GetRequiredService<TenancyCache>());
        services.AddAuthentication(KeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(CallerPolicies.Add);
        return builder;
    }
}
