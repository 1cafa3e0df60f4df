namespace Streaming.Tenancy;

/// <summary>What the presented key makes of a request's sender.</summary>
public enum CallerKind
{
    /// <summary>The operator key (<c>Auth:OperatorKey</c>): administers, reads everything, may post any event.</summary>
    Operator,

    /// <summary>A distributor's access key: reads that distributor's numbers.</summary>
    Distributor,

    /// <summary>A <c>player</c> ingest key: posts playback events.</summary>
    Player,

    /// <summary>A <c>billing</c> ingest key: posts subscription events.</summary>
    Billing,
}

/// <summary>
/// The resolved sender of a request, set by the key authentication of the service (<see cref="HttpContextCaller"/>
/// reads it). One instance per key, made when the keys are loaded, so resolving a request allocates nothing.
/// </summary>
public sealed record Caller(CallerKind Kind, string? DistributorId, string? KeyId)
{
    public static readonly Caller Operator = new(CallerKind.Operator, null, null);

    public bool IsOperator => Kind == CallerKind.Operator;

    /// <summary>For a player key, the web origins whose pages may use it (<see cref="WebOrigins"/>); any origin when unset.</summary>
    public WebOrigins Origins { get; init; } = WebOrigins.Any;
}
