using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Domain;

/// <summary>
/// Event types (<see cref="PlaybackTypes"/> on the wire), declared in the order that breaks ties between events at the
/// same instant. The numbers are stored in Redis timelines: never renumber.
/// </summary>
public enum PlaybackKind : byte
{
    Play = 0,
    Resume = 1,
    Heartbeat = 2,
    Pause = 3,
    Stop = 4,
}

public static class PlaybackKinds
{
    public static bool TryParse(string value, out PlaybackKind kind)
    {
        switch (value)
        {
            case PlaybackTypes.Play: kind = PlaybackKind.Play; return true;
            case PlaybackTypes.Resume: kind = PlaybackKind.Resume; return true;
            case PlaybackTypes.Heartbeat: kind = PlaybackKind.Heartbeat; return true;
            case PlaybackTypes.Pause: kind = PlaybackKind.Pause; return true;
            case PlaybackTypes.Stop: kind = PlaybackKind.Stop; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Time after an event of this kind counts as watched (until the next event, capped).</summary>
    public static bool IsPlaying(this PlaybackKind kind) => kind is PlaybackKind.Play or PlaybackKind.Resume or PlaybackKind.Heartbeat;
}
