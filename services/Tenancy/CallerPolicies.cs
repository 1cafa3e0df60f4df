using Microsoft.AspNetCore.Authorization;

namespace Streaming.Tenancy;

/// <summary>
/// Who may call a route. A request without a valid key gets 401 on all of them; a valid key of another kind 403.
/// The operator key passes every policy.
/// </summary>
public static class CallerPolicies
{
    /// <summary>The admin API.</summary>
    public const string Operator = "operator";

    /// <summary>The gateway's reads: the operator or a distributor's access key.</summary>
    public const string Reader = "reader";

    /// <summary>Posting playback events: a <c>player</c> key (or the operator).</summary>
    public const string Player = "player";

    /// <summary>Posting subscription events: a <c>billing</c> key (or the operator).</summary>
    public const string Billing = "billing";

    internal static void Add(AuthorizationOptions options)
    {
        Allow(options, Operator);
        Allow(options, Reader, CallerKind.Distributor);
        Allow(options, Player, CallerKind.Player);
        Allow(options, Billing, CallerKind.Billing);
    }

    private static void Allow(AuthorizationOptions options, string name, params CallerKind[] kinds) =>
        options.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(KeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.FindFirst(CallerClaims.Kind)?.Value is { } kind &&
                                         (kind == nameof(CallerKind.Operator) || kinds.Any(k => k.ToString() == kind))));
}
