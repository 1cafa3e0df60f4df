namespace Streaming.Contracts.Playback;

/// <summary>
/// A progress probe: a playback message without events that the engagement ranking sends into a partition queue
/// (<see cref="PackedPlaybackEventsAccepted.AcceptedAt"/> is when). Queues are first in, first out, so when
/// sessionization reaches a probe it has applied everything queued before it; it says so in its next facts message
/// (<see cref="Sessionization.StreamActivityRecorded.CaughtUpTo"/>). A partition with nothing queued answers at once,
/// one with a backlog only after it.
/// </summary>
public static class ProgressProbe
{
    public static PackedPlaybackEventsAccepted At(int partition, DateTimeOffset sentAt) => new()
    {
        Partition = partition,
        AcceptedAt = sentAt,
        EventCount = 0,
        Events = PlaybackEventPacking.Pack([]),
    };

    public static bool IsProbe(this PlaybackEventsAccepted message) => message.Events.Count == 0;

    /// <summary>The newest probe among <paramref name="messages"/>; none when they hold none.</summary>
    public static DateTimeOffset? CaughtUpTo(IEnumerable<PlaybackEventsAccepted> messages) =>
        messages.Where(IsProbe).Select(m => (DateTimeOffset?)m.AcceptedAt).Max();
}
