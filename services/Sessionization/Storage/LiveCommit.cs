using Streaming.PartitionedState.Storage;
using Streaming.Sessionization.Domain;
using Layout = Streaming.PartitionedState.Layouts.LiveLayout;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// What one batch changes in the live view (<see cref="Layout"/>), added to the commit so that it lands in the
/// same script as the counters and the batch markers: a redelivered batch changes it no more than them. Cheap by
/// design: per batch one HINCRBY per title applied plus one for all titles; per playing set that gets members one
/// variadic ZADD, one ZREMRANGEBYSCORE and one EXPIRE, and per set that loses members one variadic ZREM, whatever the
/// number of events. Traffic dated in the past (a backfill, the benchmark) changes no set.
/// </summary>
public sealed class LiveCommit(string ns, int partition, long nowMs)
{
    private readonly Dictionary<string, long> _appliedByTitle = new(StringComparer.Ordinal);
    private long _applied;
    private readonly Dictionary<string, PlayingSet> _sets = new(StringComparer.Ordinal);

    public long NowMs => nowMs;

    /// <summary>One stream key's share of the batch: the events it applied and how its playing entry changes.</summary>
    public void Add(string customerId, string deviceId, string titleId, int applied, PlayingChange change)
    {
        if (applied > 0)
        {
            _applied += applied;
            _appliedByTitle[titleId] = _appliedByTitle.GetValueOrDefault(titleId) + applied;
        }
        if (change.What == PlayingChange.Action.None)
        {
            return;
        }
        Set(Layout.PlayingAll(ns, partition)).Change(Layout.AllMember(customerId, deviceId, titleId), change);
        Set(Layout.PlayingTitle(ns, partition, titleId)).Change(Layout.TitleMember(customerId, deviceId), change);
    }

    /// <summary>Adds the live view's changes to the batch's commit, so they land with its counters and markers.</summary>
    public void AddTo(PartitionCommit commit)
    {
        if (_applied > 0)
        {
            var second = Layout.Second(ns, partition, Layout.SecondOf(nowMs));
            // Ephemeral, like the playing sets: the live view rebuilds itself from the next events (PartitionCommit).
            var mode = CounterMode.Expiring(Layout.SecondRetention) with { Ephemeral = true };
            commit.Increment(second, Layout.AllField, _applied, mode);
            foreach (var (titleId, by) in _appliedByTitle) commit.Increment(second, Layout.TitleField(titleId), by, mode);
        }
        foreach (var (key, set) in _sets)
        {
            // A set that gets members also loses those whose "playing until" has passed.
            var change = commit.SortedSet(key, dropAtOrBelow: nowMs, Layout.PlayingRetention, ephemeral: true);
            foreach (var (member, until) in set.Adds) change.Add(member, until);
            foreach (var member in set.Removes) change.Remove(member);
        }
    }

    private PlayingSet Set(string key)
    {
        if (!_sets.TryGetValue(key, out var set))
        {
            _sets[key] = set = new PlayingSet();
        }
        return set;
    }

    private sealed class PlayingSet
    {
        public Dictionary<string, long> Adds { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Removes { get; } = new(StringComparer.Ordinal);

        public void Change(string member, PlayingChange change)
        {
            if (change.What == PlayingChange.Action.Add)
            {
                Removes.Remove(member);
                Adds[member] = change.UntilMs;
            }
            else
            {
                Adds.Remove(member);
                Removes.Add(member);
            }
        }
    }
}
