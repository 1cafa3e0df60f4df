namespace Streaming.PartitionedState.Storage;

/// <summary>What a commit does to a timeline key's expiry (the values are the commit script's ttlMode).</summary>
public enum TimelineTtl
{
    /// <summary>Leave it: it was renewed recently enough.</summary>
    Leave = 0,

    /// <summary>Expire the key the state retention after this commit.</summary>
    Renew = 1,

    /// <summary>Never expire: the key's state is needed whenever it next changes.</summary>
    Keep = 2,
}
