using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Streaming.Tenancy;

public static class CallerRoutes
{
    /// <summary>Routes only callers of <paramref name="policy"/> may use (<see cref="CallerPolicies"/>), documented with their 401 and 403.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder routes, string policy) where TBuilder : IEndpointConventionBuilder =>
        routes.RequireAuthorization(policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
