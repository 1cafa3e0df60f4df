namespace Streaming.Gateway.Queries;

/// <summary>The dimension a performance answer is split by, besides time.</summary>
public enum GroupBy
{
    Title,
    Offer,
    Marketplace,
}
