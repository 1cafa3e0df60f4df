namespace Streaming.PartitionedState.Replicas;

/// <summary>
/// Which partitions' receive endpoints have not been consuming (ready, with a consumer at the broker) for
/// <see cref="Limit"/> or longer. MassTransit 8.5 can leave a receive transport waiting for good once the broker comes
/// back from an outage (seen in the fault suite: after a 60 s RabbitMQ outage one of four partition queues kept its
/// messages and no consumer); <see cref="PartitionAssignment"/> restarts the endpoints this names. No I/O.
/// </summary>
public sealed class EndpointStalls(TimeSpan limit)
{
    private readonly Dictionary<int, DateTimeOffset> _notReadySince = [];

    /// <summary>How long an endpoint may go without being ready before it is restarted.</summary>
    public TimeSpan Limit { get; } = limit;

    /// <summary>
    /// Records whether each attached partition's endpoint is ready at <paramref name="now"/> and returns, ascending, those
    /// not ready at any observation for <see cref="Limit"/> or longer. A partition returned starts afresh, so a restarted
    /// endpoint gets the whole limit again; a partition no longer listed is forgotten.
    /// </summary>
    public IReadOnlyList<int> Observe(IEnumerable<(int Partition, bool Ready)> endpoints, DateTimeOffset now)
    {
        var listed = new HashSet<int>();
        var stalled = new List<int>();
        foreach (var (partition, ready) in endpoints)
        {
            listed.Add(partition);
            if (ready)
            {
                _notReadySince.Remove(partition);
            }
            else if (!_notReadySince.TryGetValue(partition, out var since))
            {
                _notReadySince[partition] = now;
            }
            else if (now - since >= Limit)
            {
                _notReadySince.Remove(partition);
                stalled.Add(partition);
            }
        }
        foreach (var gone in _notReadySince.Keys.Where(p => !listed.Contains(p)).ToList()) _notReadySince.Remove(gone);
        stalled.Sort();
        return stalled;
    }
}
