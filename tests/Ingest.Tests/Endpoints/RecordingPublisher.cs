namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>Stands in for the broker: records what it was handed and does what the test says (confirm by default).</summary>
public sealed class RecordingPublisher : IPlaybackPublisher
{
    private readonly List<IReadOnlyList<PlaybackEvent>> _batches = [];

    public Func<CancellationToken, Task> Confirm { get; set; } = _ => Task.CompletedTask;

    public CancellationToken LastToken { get; private set; }

    public IReadOnlyList<IReadOnlyList<PlaybackEvent>> Batches
    {
        get { lock (_batches) return [.. _batches]; }
    }

    public Task PublishAsync(IReadOnlyList<PlaybackEvent> events, CancellationToken cancellationToken)
    {
        lock (_batches)
        {
            _batches.Add([.. events]);
            LastToken = cancellationToken;
        }
        return Confirm(cancellationToken);
    }
}
