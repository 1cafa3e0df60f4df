using StackExchange.Redis;

namespace Streaming.PartitionedState.Storage;

/// <summary>
/// Everything one batch of one partition changes in Redis, gathered so that commit-partition.lua applies it in one
/// step or not at all: the messages' markers (a redelivered message finds its marker), the timelines' changed fields,
/// counter hashes, single hash fields (an outbox entry) and sorted sets (the live view). Every key must carry the
/// partition's hash tag.
/// Counter hashes and sorted sets marked ephemeral (<see cref="CounterMode.Ephemeral"/>, <see cref="SortedSet"/>) are
/// changed in Redis and on its replicas like the rest, atomically with it, but left out of Redis's append-only file:
/// what the file holds per event is most of what durability costs, and the live view, which the next events rebuild
/// within the maximum gap, was about 30 % of it. A Redis restarted from its file has them as they were at its
/// last rewrite.
/// A guarded commit (<see cref="Guard"/>) is refused when the partition's fence no longer holds the writer's token, or
/// when a timeline marked as required is gone: the writer's cached timelines are then stale.
/// </summary>
public sealed class PartitionCommit(IReadOnlyList<string> markerKeys, TimeSpan markerTtl, TimeSpan stateTtl)
{
    private readonly List<TimelineWrite> _timelines = [];
    private readonly Dictionary<string, CounterHash> _counters = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Field, string Value)> _fields = [];
    private readonly Dictionary<string, SortedSetChange> _sortedSets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _required = new(StringComparer.Ordinal);
    private (string Key, string Token)? _fence;

    public IReadOnlyList<string> MarkerKeys => markerKeys;

    public IEnumerable<(string Key, TimelineTtl Ttl)> Timelines => _timelines.Select(t => (t.Key, t.Ttl));

    /// <summary>How long a renewed timeline key lives after the commit.</summary>
    public TimeSpan StateTtl => stateTtl;

    /// <summary>A timeline's new fields and deleted fields.</summary>
    public void AddTimeline(string key, TimelineTtl ttl, List<KeyValuePair<string, string>> sets, List<string> deletes) =>
        _timelines.Add(new TimelineWrite(key, ttl, sets, deletes));

    /// <summary>
    /// Applies the commit only while <paramref name="fenceKey"/> holds <paramref name="token"/> (the writer's claim on
    /// the partition) and every timeline in <paramref name="required"/> still exists.
    /// </summary>
    public void Guard(string fenceKey, string token, IEnumerable<string> required)
    {
        _fence = (fenceKey, token);
        _required.Clear();
        _required.UnionWith(required);
    }

    /// <summary>Adds <paramref name="by"/> to a field of a counter hash; the first call for a hash sets its mode.</summary>
    public void Increment(string key, string field, long by, CounterMode mode)
    {
        if (!_counters.TryGetValue(key, out var hash))
        {
            _counters[key] = hash = new CounterHash(mode);
        }
        ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(hash.Fields, field, out _);
        sum += by;
    }

    /// <summary>Sets one field of a hash (HSET).</summary>
    public void SetField(string key, string field, string value) => _fields.Add((key, field, value));

    /// <summary>
    /// A sorted set's additions and removals; see <see cref="SortedSetChange"/>. An <paramref name="ephemeral"/> set is
    /// left out of the append-only file, as an ephemeral counter hash is.
    /// </summary>
    public SortedSetChange SortedSet(string key, long? dropAtOrBelow, TimeSpan expireAfterAdd, bool ephemeral = false)
    {
        if (!_sortedSets.TryGetValue(key, out var set))
        {
            _sortedSets[key] = set = new SortedSetChange(dropAtOrBelow, (long)expireAfterAdd.TotalSeconds, ephemeral);
        }
        return set;
    }

    /// <summary>Whether the commit changes <paramref name="key"/> as an ephemeral counter hash or sorted set.</summary>
    public bool IsEphemeral(string key) =>
        (_counters.TryGetValue(key, out var hash) && hash.Mode.Ephemeral) || (_sortedSets.TryGetValue(key, out var set) && set.Ephemeral);

    /// <summary>The KEYS and ARGV of commit-partition.lua (its header documents the layout).</summary>
    public (RedisKey[] Keys, RedisValue[] Args) Build()
    {
        var counters = _counters.Where(c => c.Value.Mode.SendZeros || c.Value.Fields.Values.Any(v => v != 0)).ToList();
        var keys = new List<RedisKey>(1 + markerKeys.Count + _timelines.Count + counters.Count + _fields.Count + _sortedSets.Count);
        // Sized up front: a batch has thousands of arguments, and growing the list copies them again and again.
        var expected = 10 + _timelines.Sum(t => 3 + 2 * t.Sets.Count + t.Deletes.Count) + counters.Sum(c => 3 + 2 * c.Value.Fields.Count) +
            2 * _fields.Count + _sortedSets.Values.Sum(s => 5 + 2 * s.Adds.Count + s.Removes.Count);
        var args = new List<RedisValue>(expected);
        if (_fence is { } fence)
        {
            keys.Add(fence.Key);
            args.Add(1);
            args.Add(fence.Token);
        }
        else
        {
            args.Add(0);
        }
        args.Add(markerKeys.Count);
        args.Add((long)markerTtl.TotalSeconds);
        foreach (var marker in markerKeys) keys.Add(marker);

        args.Add(_timelines.Count);
        args.Add((long)stateTtl.TotalSeconds);
        foreach (var t in _timelines)
        {
            keys.Add(t.Key);
            args.Add((int)t.Ttl + (_required.Contains(t.Key) ? 4 : 0));
            args.Add(t.Sets.Count);
            foreach (var (field, value) in t.Sets)
            {
                args.Add(field);
                args.Add(value);
            }
            args.Add(t.Deletes.Count);
            foreach (var field in t.Deletes) args.Add(field);
        }

        args.Add(counters.Count);
        foreach (var (key, hash) in counters)
        {
            keys.Add(key);
            args.Add((hash.Mode.DeleteAtZero ? 1 : 0) + (hash.Mode.Ephemeral ? 2 : 0));
            args.Add(hash.Mode.ExpireSeconds);
            var countAt = args.Count;
            args.Add(0);
            var count = 0;
            foreach (var (field, by) in hash.Fields)
            {
                if (by == 0 && !hash.Mode.SendZeros) continue;
                args.Add(field);
                args.Add(by);
                count++;
            }
            args[countAt] = count;
        }

        args.Add(_fields.Count);
        foreach (var (key, field, value) in _fields)
        {
            keys.Add(key);
            args.Add(field);
            args.Add(value);
        }

        args.Add(_sortedSets.Count);
        foreach (var (key, set) in _sortedSets)
        {
            keys.Add(key);
            args.Add(set.Ephemeral ? 1 : 0);
            args.Add(set.DropAtOrBelow is { } drop ? drop : "");
            args.Add(set.ExpireSeconds);
            args.Add(set.Adds.Count);
            foreach (var (member, score) in set.Adds)
            {
                args.Add(score);
                args.Add(member);
            }
            args.Add(set.Removes.Count);
            foreach (var member in set.Removes) args.Add(member);
        }
        return (keys.ToArray(), args.ToArray());
    }

    private sealed record TimelineWrite(string Key, TimelineTtl Ttl, List<KeyValuePair<string, string>> Sets, List<string> Deletes);

    private sealed class CounterHash(CounterMode mode)
    {
        public CounterMode Mode { get; } = mode;
        public Dictionary<string, long> Fields { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>
/// One sorted set's change in a commit. A member added and removed in the same commit ends as the last call left it.
/// When the set gets members, those scored at or below <see cref="DropAtOrBelow"/> are dropped and its expiry renewed.
/// An ephemeral set's changes stay out of the append-only file (<see cref="PartitionCommit"/>).
/// </summary>
public sealed class SortedSetChange(long? dropAtOrBelow, long expireSeconds, bool ephemeral = false)
{
    public long? DropAtOrBelow { get; } = dropAtOrBelow;
    public long ExpireSeconds { get; } = expireSeconds;
    public bool Ephemeral { get; } = ephemeral;
    public Dictionary<string, long> Adds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Removes { get; } = new(StringComparer.Ordinal);

    public void Add(string member, long score)
    {
        Removes.Remove(member);
        Adds[member] = score;
    }

    public void Remove(string member)
    {
        Adds.Remove(member);
        Removes.Add(member);
    }
}
