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
    /// <param name="playerKeyInQuery">
    /// Whether a player key may come as the <c>key</c> query parameter when there is no <c>Authorization</c> header
    /// (ingest: <c>navigator.sendBeacon</c>, the one reliable way to post while a page unloads, cannot set headers).
    /// </param>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder, bool playerKeyInQuery = false)
    {
        var services = builder.Services;
        services.AddSingleton(new KeySources(playerKeyInQuery));
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

/// <summary>Where <see cref="KeyAuthenticationHandler"/> looks for a key besides the <c>Authorization</c> header.</summary>
/// <param name="PlayerKeyInQuery">A player key in the <c>key</c> query parameter (and no other kind of key there).</param>
public sealed record KeySources(bool PlayerKeyInQuery);
