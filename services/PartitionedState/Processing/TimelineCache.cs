using System.Collections.Concurrent;

namespace Streaming.PartitionedState.Processing;

/// <summary>
/// Timelines kept in memory between batches, per partition, with the token of the partition's fence they were read and
/// written under. Each partition's queue has one consumer at a time, so while the fence holds the token an entry is
/// what Redis holds; the commit script checks the fence, and any doubt (a conflict, a failed commit) drops entries,
/// which are then read again. Capacity 0 keeps no timelines (the token is kept).
/// </summary>
public sealed class TimelineCache<TTimeline>(int capacityPerPartition)
{
    private readonly ConcurrentDictionary<int, Partition> _partitions = new();

    public Partition For(int partition) => _partitions.GetOrAdd(partition, _ => new Partition(capacityPerPartition));

    public sealed class Partition(int capacity)
    {
        private readonly Dictionary<string, StoredTimeline<TTimeline>> _entries = new(StringComparer.Ordinal);
        private long _clock;

        /// <summary>This process's claim on the partition (<see cref="PartitionBatchLoop{TTimeline}"/>); null when it has none.</summary>
        public string? FenceToken { get; private set; }

        /// <summary>Takes a new claim: entries cached under an older one are dropped, since another writer may have moved them.</summary>
        public void Claimed(string token)
        {
            _entries.Clear();
            FenceToken = token;
        }

        /// <summary>The claim was lost (another writer took the fence, or state vanished): nothing cached can be trusted.</summary>
        public void Lost()
        {
            _entries.Clear();
            FenceToken = null;
        }

        public bool TryGet(string key, out StoredTimeline<TTimeline> entry)
        {
            if (_entries.TryGetValue(key, out entry!))
            {
                entry.LastUsed = ++_clock;
                return true;
            }
            return false;
        }

        public void Put(string key, StoredTimeline<TTimeline> entry)
        {
            if (capacity == 0) return;
            entry.LastUsed = ++_clock;
            _entries[key] = entry;
            if (_entries.Count > capacity)
            {
                // Evict the least recently used half at once, so eviction costs O(1) per insert on average.
                var threshold = _entries.Values.Select(e => e.LastUsed).Order().ElementAt(_entries.Count / 2);
                foreach (var stale in _entries.Where(e => e.Value.LastUsed < threshold).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }
            }
        }

        public void Forget(IEnumerable<string> keys)
        {
            foreach (var key in keys) _entries.Remove(key);
        }
    }
}
