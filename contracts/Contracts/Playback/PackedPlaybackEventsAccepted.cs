namespace Streaming.Contracts.Playback;

/// <summary>
/// The same content as <see cref="PlaybackEventsAccepted"/>, with the events packed into one binary field
/// (<see cref="PlaybackEventPacking"/>). JSON parsing of hundreds of event objects per message was the largest cost
/// of consuming; one base64 token per message is not. Ingest sends this type; sessionization consumes both.
/// </summary>
public sealed record PackedPlaybackEventsAccepted
{
    public required int Partition { get; init; }

    /// <summary>Server time at which ingest accepted the request; the start of event-to-counter latency.</summary>
    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>How many events <see cref="Events"/> holds (a check on decoding).</summary>
    public required int EventCount { get; init; }

    /// <summary>The events, written by <see cref="PlaybackEventPacking.Pack"/>.</summary>
    public required byte[] Events { get; init; }
}
