using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Every OpenAPI document of the service declares the key as an HTTP Bearer security scheme, and every operation of a
/// route that needs a key (one with authorization metadata and no <c>AllowAnonymous</c>) requires it, so generated
/// clients and the API reference page send <c>Authorization: Bearer &lt;key&gt;</c>. Open routes (the sign-in, the
/// probes) require nothing.
/// </summary>
public static class BearerKeyDocuments
{
    public const string SchemeName = "Bearer";

    internal static IServiceCollection AddBearerKeyDocuments(this IServiceCollection services) =>
        services.ConfigureAll<OpenApiOptions>(options => options
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A key issued by the operator (or the operator key): Authorization: Bearer <key>.",
                };
                return Task.CompletedTask;
            })
            .AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                }
                return Task.CompletedTask;
            }));
}
