using Streaming.Contracts.Playback;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>
/// One simulated customer: picks a title, plays it with a heartbeat every 30 s, sometimes pauses (rarely for more
/// than the 60-minute inactivity limit) and resumes, sometimes moves to another device (a new stream), stops (or
/// just vanishes, as crashed players do), idles, and picks the next title. Pure state machine over virtual time.
/// </summary>
public sealed class Viewer
{
    private enum Action { Play, Heartbeat, Pause, Resume, SwitchDevice, Stop }

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);

    private readonly Random _random;
    private readonly Catalogue _catalogue;
    private readonly string _eventPrefix;
    private readonly string _customerId;
    private readonly (string Code, TimeSpan Offset) _marketplace;
    private readonly string[] _devices;
    private readonly ChannelSubscriptions _subscriptions;
    private long _sequence;

    private Action _next = Action.Play;
    private DateTimeOffset _at;
    private DateTimeOffset _lastAt;
    private Title? _title;
    private string _offer = PlaybackOffers.Prime;
    private string? _channelId;
    private string _device;
    private double _position;
    private double _target;
    private bool _continueTitle;

    public Viewer(int index, string runTag, Catalogue catalogue, Random random, DateTimeOffset start)
    {
        _random = random;
        _catalogue = catalogue;
        _eventPrefix = $"{runTag}-{index}-";
        _customerId = $"sim-{runTag}-c{index:D4}";
        _marketplace = Audience.Marketplaces.Pick(random);
        _devices = Audience.DeviceKinds.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
            .Select(kind => $"{_customerId}-{kind}").ToArray();
        _device = _devices[0];
        _subscriptions = new ChannelSubscriptions(_customerId, _eventPrefix, _marketplace, random);
        _at = start + TimeSpan.FromSeconds(random.Next(0, 120)); // stagger the first plays
    }

    /// <summary>True between play and stop (paused included).</summary>
    public bool IsWatching => _next is not Action.Play;

    /// <summary>Appends every event due at or before <paramref name="now"/>, in order, and the billing events due.</summary>
    public void Collect(DateTimeOffset now, List<PlaybackEvent> output, List<SubscriptionEvent> billing)
    {
        while (_at <= now)
        {
            Step(output, billing);
        }
        _subscriptions.Collect(now, billing);
    }

    /// <summary>On shutdown: a watching viewer stops now, so no stream is left open.</summary>
    public void StopNow(DateTimeOffset now, List<PlaybackEvent> output)
    {
        if (IsWatching)
        {
            if (_next is not Action.Resume)
            {
                _position += (now - _lastAt).TotalSeconds;
            }
            output.Add(Event(PlaybackTypes.Stop, now));
            _next = Action.Play;
        }
    }

    private void Step(List<PlaybackEvent> output, List<SubscriptionEvent> billing)
    {
        var t = _at;
        switch (_next)
        {
            case Action.Play:
                StartTitle();
                if (_channelId is not null) _subscriptions.Watching(_channelId, t, billing);
                output.Add(Event(PlaybackTypes.Play, t));
                KeepPlaying(t);
                break;
            case Action.Heartbeat:
                Advance(t);
                output.Add(Event(PlaybackTypes.Heartbeat, t));
                KeepPlaying(t);
                break;
            case Action.Resume:
                output.Add(Event(PlaybackTypes.Resume, t));
                KeepPlaying(t);
                break;
            case Action.Pause:
                Advance(t);
                output.Add(Event(PlaybackTypes.Pause, t));
                // Mostly short pauses; one in seven outlasts the 60-minute inactivity limit (a new stream on resume).
                var pause = _random.Next(7) == 0 ? _random.Next(300, 5400) : _random.Next(10, 300);
                Schedule(Action.Resume, t.AddSeconds(pause));
                break;
            case Action.SwitchDevice:
                Advance(t);
                if (_random.Next(10) < 7)
                {
                    output.Add(Event(PlaybackTypes.Stop, t));
                }
                _device = _devices.Length > 1 ? _devices.Where(d => d != _device).ElementAt(_random.Next(_devices.Length - 1)) : _device;
                _continueTitle = true;
                Schedule(Action.Play, t.AddSeconds(_random.Next(5, 90)));
                break;
            case Action.Stop:
                Advance(t);
                if (_random.Next(10) < 9)
                {
                    output.Add(Event(PlaybackTypes.Stop, t)); // the rest just vanish, like a crashed app
                }
                var idle = Math.Clamp(-Math.Log(1 - _random.NextDouble()) * 480, 20, 3600);
                Schedule(Action.Play, t.AddSeconds(idle));
                break;
        }
    }

    private void StartTitle()
    {
        if (_continueTitle && _title is not null)
        {
            _continueTitle = false;
            return; // same title, offer and position on the new device
        }
        _title = _catalogue.Pick(_random);
        _offer = Audience.Offers.Pick(_random);
        _channelId = _offer == PlaybackOffers.Channel ? Audience.Channels.Pick(_random) : null;
        _device = _random.Next(10) < 7 ? _devices[0] : _devices[_random.Next(_devices.Length)];
        _position = _random.Next(5) == 0 ? _random.Next(_title.RuntimeSeconds / 2) : 0; // some resume mid-title
        _target = _random.Next(5) < 2 ? _title.RuntimeSeconds : _position + (_title.RuntimeSeconds - _position) * (0.1 + 0.9 * _random.NextDouble());
    }

    /// <summary>After play, resume or heartbeat at <paramref name="t"/>: what happens next while playing.</summary>
    private void KeepPlaying(DateTimeOffset t)
    {
        _lastAt = t;
        var remaining = _target - _position;
        var roll = _random.NextDouble();
        if (roll < 0.03 && remaining > 30)
        {
            Schedule(Action.Pause, t.AddSeconds(_random.Next(1, 30)));
        }
        else if (roll < 0.035 && remaining > 30)
        {
            Schedule(Action.SwitchDevice, t.AddSeconds(_random.Next(1, 30)));
        }
        else if (remaining <= HeartbeatEvery.TotalSeconds)
        {
            Schedule(Action.Stop, t.AddSeconds(Math.Max(1, remaining)));
        }
        else
        {
            Schedule(Action.Heartbeat, t + HeartbeatEvery);
        }
    }

    private void Advance(DateTimeOffset t)
    {
        _position += (t - _lastAt).TotalSeconds;
        _lastAt = t;
    }

    private void Schedule(Action action, DateTimeOffset at) => (_next, _at) = (action, at);

    private PlaybackEvent Event(string type, DateTimeOffset t) => new()
    {
        EventId = _eventPrefix + _sequence++,
        Type = type,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds()).ToOffset(_marketplace.Offset),
        CustomerId = _customerId,
        DeviceId = _device,
        TitleId = _title!.TitleId,
        SeasonId = _title.SeasonId,
        Marketplace = _marketplace.Code,
        Offer = _offer,
        ChannelId = _channelId,
        PositionSeconds = Math.Round(_position, 1),
    };
}
