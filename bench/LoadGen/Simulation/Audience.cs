using Streaming.Contracts.Playback;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>Who watches and how they pay: marketplaces (with a local UTC offset for occurredAt), offers, devices.</summary>
public static class Audience
{
    public static readonly Weighted<(string Code, TimeSpan Offset)> Marketplaces = new([
        (("US", TimeSpan.FromHours(-5)), 35),
        (("GB", TimeSpan.Zero), 15),
        (("DE", TimeSpan.FromHours(1)), 12),
        (("JP", TimeSpan.FromHours(9)), 10),
        (("FR", TimeSpan.FromHours(1)), 10),
        (("BR", TimeSpan.FromHours(-3)), 10),
        (("IN", new TimeSpan(5, 30, 0)), 8),
    ]);

    public static readonly Weighted<string> Offers = new([(PlaybackOffers.Prime, 70), (PlaybackOffers.Avod, 12), (PlaybackOffers.Tvod, 10), (PlaybackOffers.Channel, 8)]);

    public static readonly Weighted<string> Channels = new([("ch-cinema", 4), ("ch-kids", 3), ("ch-anime", 2), ("ch-docs", 1)]);

    public static readonly string[] DeviceKinds = ["tv", "phone", "tablet", "web", "console"];
}
