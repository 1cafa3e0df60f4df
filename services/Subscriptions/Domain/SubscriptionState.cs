namespace Streaming.Subscriptions.Domain;

/// <summary>Where one customer stands with one channel. Cancelled is <see cref="None"/>: the customer may subscribe again.</summary>
public enum SubscriptionState : byte
{
    None = 0,
    Trial = 1,
    Paid = 2,
}
