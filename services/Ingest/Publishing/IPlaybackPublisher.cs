using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Hands accepted playback events to the broker. The task completes only when the broker has confirmed every
/// event, and faults (or is cancelled) otherwise.
/// </summary>
public interface IPlaybackPublisher
{
    Task PublishAsync(IReadOnlyList<PlaybackEvent> events, CancellationToken cancellationToken);
}
