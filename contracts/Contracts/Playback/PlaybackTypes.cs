namespace Streaming.Contracts.Playback;

/// <summary>
/// The values of <see cref="PlaybackEvent.Type"/> on the wire, lower case. Ingest accepts only these; what each means
/// for a stream is sessionization's rule (docs/metrics.md).
/// </summary>
public static class PlaybackTypes
{
    public const string Play = "play";
    public const string Heartbeat = "heartbeat";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Stop = "stop";

    /// <summary>Every type, in the order error messages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Play, Heartbeat, Pause, Resume, Stop];
}
