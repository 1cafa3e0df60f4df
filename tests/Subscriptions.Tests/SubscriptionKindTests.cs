using Streaming.Contracts.Subscriptions;

namespace Streaming.Subscriptions.Tests;

/// <summary>The wire vocabulary of billing events and the kinds the state machine takes (stored as numbers in Redis).</summary>
public sealed class SubscriptionKindTests
{
    [Fact]
    public void Every_wire_type_parses_to_the_kind_of_its_place_in_a_subscription_life()
    {
        Assert.Equal([(SubscriptionTypes.TrialStarted, 0), (SubscriptionTypes.PaidStarted, 1), (SubscriptionTypes.Cancelled, 2)],
            SubscriptionTypes.All.Select(t => (t, SubscriptionKinds.TryParse(t, out var k) ? (int)k : -1)));
        Assert.Equal(Enum.GetValues<SubscriptionKind>().Length, SubscriptionTypes.All.Count);
    }

    [Theory]
    [InlineData("Cancelled")]
    [InlineData("renewed")]
    [InlineData("")]
    public void Anything_else_is_no_kind(string type)
    {
        Assert.False(SubscriptionKinds.TryParse(type, out _));
    }
}
