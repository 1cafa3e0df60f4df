using Streaming.PartitionedState.Replicas;

namespace Streaming.PartitionedState.Tests.Replicas;

/// <summary>The rendezvous function alone: agreement, spread, and minimal movement when a member joins or leaves.</summary>
public sealed class PartitionOwnershipTests
{
    private static readonly string[] Three = ["replica-1", "replica-2", "replica-3"];

    [Fact]
    public void A_lone_member_owns_every_partition()
    {
        Assert.Equal(Enumerable.Range(0, 16), PartitionOwnership.Owned("solo", ["solo"], 16));
        Assert.Equal(Enumerable.Range(0, 16), PartitionOwnership.Owned("solo", [], 16)); // itself, even before it is listed
    }

    [Fact]
    public void Every_partition_has_exactly_one_owner_whatever_order_the_members_are_listed_in()
    {
        var owned = Three.Select(m => PartitionOwnership.Owned(m, Three, 64)).ToList();
        var reversed = Three.Select(m => PartitionOwnership.Owned(m, [.. Three.Reverse()], 64)).ToList();

        Assert.Equal(Enumerable.Range(0, 64), owned.SelectMany(o => o).Order());
        Assert.Equal(owned, reversed);
    }

    [Fact]
    public void The_partitions_spread_over_the_members()
    {
        // Worked out with the function (FNV-1a 64 + SplitMix64 finalizer): 16 partitions over three replicas.
        Assert.Equal([2, 3, 4, 6, 9, 14], PartitionOwnership.Owned("replica-1", Three, 16));
        Assert.Equal([5, 7, 11, 12], PartitionOwnership.Owned("replica-2", Three, 16));
        Assert.Equal([0, 1, 8, 10, 13, 15], PartitionOwnership.Owned("replica-3", Three, 16));
        // Two replicas of the tests: "a" and "b" split 4 partitions two and two.
        Assert.Equal([0, 2], PartitionOwnership.Owned("a", ["a", "b"], 4));
        Assert.Equal([1, 3], PartitionOwnership.Owned("b", ["a", "b"], 4));
        // And over 64 partitions and 8 replicas nobody is left out or takes more than twice its share.
        var eight = Enumerable.Range(1, 8).Select(i => $"replica-{i}").ToList();
        Assert.All(eight, m => Assert.InRange(PartitionOwnership.Owned(m, eight, 64).Count, 4, 16));
    }

    [Fact]
    public void A_member_joining_takes_partitions_only_for_itself_and_the_others_keep_the_rest()
    {
        var before = Enumerable.Range(0, 64).Select(p => PartitionOwnership.Owner(p, Three[..2])).ToList();
        var after = Enumerable.Range(0, 64).Select(p => PartitionOwnership.Owner(p, Three)).ToList();

        var moved = Enumerable.Range(0, 64).Where(p => before[p] != after[p]).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, p => Assert.Equal("replica-3", after[p]));
    }

    [Fact]
    public void A_member_leaving_hands_over_only_its_own_partitions()
    {
        var before = Enumerable.Range(0, 64).Select(p => PartitionOwnership.Owner(p, Three)).ToList();
        var after = Enumerable.Range(0, 64).Select(p => PartitionOwnership.Owner(p, ["replica-1", "replica-3"])).ToList();

        Assert.All(Enumerable.Range(0, 64).Where(p => before[p] != after[p]), p => Assert.Equal("replica-2", before[p]));
        Assert.All(Enumerable.Range(0, 64).Where(p => before[p] == "replica-2"), p => Assert.NotEqual("replica-2", after[p]));
    }
}
