namespace Streaming.Subscriptions.Domain;

/// <summary>
/// What the events pruned from a timeline leave behind: the state after the last of them, and the day it counted on
/// (the next event never counts on an earlier day). <see cref="Start"/> is a key with no history.
/// </summary>
public sealed record SubscriberAnchor(SubscriptionState State, int? LastDayNumber)
{
    public static readonly SubscriberAnchor Start = new(SubscriptionState.None, null);
}
