using System.Text;

namespace Streaming.PartitionedState.Replicas;

/// <summary>
/// Which live replica owns each partition: rendezvous (highest random weight) hashing. Every replica weighs each
/// (replica, partition) pair with the same stable hash and a partition belongs to the heaviest live replica, so all
/// replicas that see the same members agree without talking to each other, the partitions spread evenly in
/// expectation, and a member joining or leaving moves only the partitions it gains or held (no reshuffle of the rest).
/// A lone member owns every partition.
/// </summary>
public static class PartitionOwnership
{
    /// <summary>The owner of <paramref name="partition"/> among <paramref name="members"/> (not empty).</summary>
    public static string Owner(int partition, IReadOnlyCollection<string> members)
    {
        if (members.Count == 0) throw new ArgumentException("no live members", nameof(members));
        string? best = null;
        ulong bestWeight = 0;
        foreach (var member in members)
        {
            var weight = Weight(member, partition);
            // Ties (never seen with 64 bits, but possible) go to the smaller name, so every replica decides alike.
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(member, best) < 0))
            {
                best = member;
                bestWeight = weight;
            }
        }
        return best!;
    }

    /// <summary>The partitions (ascending) that <paramref name="self"/> owns among <paramref name="members"/>, itself included.</summary>
    public static IReadOnlyList<int> Owned(string self, IReadOnlyCollection<string> members, int partitions)
    {
        IReadOnlyCollection<string> live = members.Contains(self, StringComparer.Ordinal) ? members : [.. members, self];
        return [.. Enumerable.Range(0, partitions).Where(p => string.Equals(Owner(p, live), self, StringComparison.Ordinal))];
    }

    /// <summary>FNV-1a 64 over the member's UTF-8 bytes, a separator and the partition, then SplitMix64's finalizer to spread the bits.</summary>
    public static ulong Weight(string member, int partition)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(member))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        hash = (hash ^ 0x1f) * 1099511628211UL;
        for (var i = 0; i < 4; i++)
        {
            hash = (hash ^ (byte)(partition >> (8 * i))) * 1099511628211UL;
        }
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return hash;
    }
}
