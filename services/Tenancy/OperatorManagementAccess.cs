using Microsoft.AspNetCore.Authorization;
using Streaming.ServiceDefaults;

namespace Streaming.Tenancy;

/// <summary>The operator key meets <see cref="ManagementAccessRequirement"/> on every port: /metrics and the OpenAPI documents.</summary>
internal sealed class OperatorManagementAccess : AuthorizationHandler<ManagementAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManagementAccessRequirement requirement)
    {
        if (context.User.FindFirst(CallerClaims.Kind)?.Value == nameof(CallerKind.Operator)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
