namespace Streaming.PartitionedState.Window;

/// <summary>
/// An event a window can hold: its idempotency key, its instant, and a total order (time first, then whatever breaks
/// ties for the service). Implemented by structs as well as classes; the window never boxes them.
/// </summary>
public interface IWindowEvent<TSelf> : IComparable<TSelf>
    where TSelf : IWindowEvent<TSelf>
{
    string EventId { get; }

    long AtMs { get; }
}
