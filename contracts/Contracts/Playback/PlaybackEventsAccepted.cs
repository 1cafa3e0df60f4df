namespace Streaming.Contracts.Playback;

/// <summary>
/// A batch of playback events that ingest accepted for one partition of stream keys. Ingest sends it to the
/// partition's queue (see <see cref="PlaybackPartitioning"/>) and answers the client only once the broker confirmed it.
/// One without events is a progress probe (<see cref="ProgressProbe"/>), never sent by ingest.
/// </summary>
public sealed record PlaybackEventsAccepted
{
    public required int Partition { get; init; }

    /// <summary>Server time at which ingest accepted the request; the start of event-to-counter latency.</summary>
    public required DateTimeOffset AcceptedAt { get; init; }

    public required IReadOnlyList<PlaybackEvent> Events { get; init; }
}
