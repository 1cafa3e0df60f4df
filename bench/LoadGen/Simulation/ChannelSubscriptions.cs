using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>
/// One simulated customer's add-on channel subscriptions. The first time the customer plays a channel title, a
/// trial starts; when it ends, the customer converts to paid (three in five) or cancels; a paying customer cancels
/// now and then. Lifetimes are compressed to minutes of event time, so a watcher of the dashboard sees channel
/// metrics move while the simulator runs; a cancelled customer never starts a second trial of that channel.
/// </summary>
public sealed class ChannelSubscriptions(string customerId, string eventPrefix, (string Code, TimeSpan Offset) marketplace, Random random)
{
    public static readonly TimeSpan TrialLength = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan PaidCheck = TimeSpan.FromMinutes(5);

    private enum State { Trial, Paid, Cancelled }

    private readonly Dictionary<string, (State State, DateTimeOffset NextAt)> _channels = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The customer starts watching <paramref name="channelId"/> at <paramref name="t"/>: a trial if it is new to them.</summary>
    public void Watching(string channelId, DateTimeOffset t, List<SubscriptionEvent> output)
    {
        if (_channels.ContainsKey(channelId)) return;
        _channels[channelId] = (State.Trial, t + TrialLength);
        output.Add(Event(SubscriptionTypes.TrialStarted, channelId, t));
    }

    /// <summary>Appends the billing events due at or before <paramref name="now"/>.</summary>
    public void Collect(DateTimeOffset now, List<SubscriptionEvent> output)
    {
        foreach (var (channelId, (state, nextAt)) in _channels.ToList())
        {
            if (nextAt > now) continue;
            switch (state)
            {
                case State.Trial when random.Next(5) < 3:
                    output.Add(Event(SubscriptionTypes.PaidStarted, channelId, nextAt));
                    _channels[channelId] = (State.Paid, nextAt + PaidCheck);
                    break;
                case State.Trial:
                case State.Paid when random.Next(4) == 0:
                    output.Add(Event(SubscriptionTypes.Cancelled, channelId, nextAt));
                    _channels[channelId] = (State.Cancelled, DateTimeOffset.MaxValue);
                    break;
                case State.Paid:
                    _channels[channelId] = (State.Paid, nextAt + PaidCheck);
                    break;
            }
        }
    }

    private SubscriptionEvent Event(string type, string channelId, DateTimeOffset t) => new()
    {
        EventId = eventPrefix + "b" + _sequence++,
        Type = type,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds()).ToOffset(marketplace.Offset),
        CustomerId = customerId,
        ChannelId = channelId,
        Marketplace = marketplace.Code,
    };
}
