namespace Streaming.Tenancy;

/// <summary>
/// Who a presented key makes the sender: the operator (its key compared in constant time), else the distributor or
/// ingest key of the cached snapshot; null for a key nobody knows or a revoked one. Used by the key authentication
/// and by the gateway's sign-in, which must refuse exactly what the authentication would.
/// </summary>
public sealed class CallerResolver(OperatorKey operatorKey, TenancyCache cache)
{
    public Caller? Resolve(ReadOnlySpan<char> token) => operatorKey.Matches(token) ? Caller.Operator : cache.Current.Resolve(token);
}
