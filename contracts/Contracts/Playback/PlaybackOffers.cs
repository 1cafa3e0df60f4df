namespace Streaming.Contracts.Playback;

/// <summary>
/// The values of <see cref="PlaybackEvent.Offer"/> on the wire: how the customer pays for what they watch. Only
/// <see cref="Prime"/> (included with the subscription) is ranked by CER and earns a royalty; <see cref="Channel"/>
/// streams name their add-on channel.
/// </summary>
public static class PlaybackOffers
{
    public const string Prime = "prime";
    public const string Tvod = "tvod";
    public const string Avod = "avod";
    public const string Channel = "channel";

    /// <summary>Every offer, in the order messages, reports and series list them.</summary>
    public static readonly IReadOnlyList<string> All = [Prime, Tvod, Avod, Channel];
}
