using System.Threading.Channels;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>
/// Posts the simulator's batches one at a time, in order (so each stream's events arrive in order), retrying 503s
/// and connection failures with the same body until ingest answers. The ticker keeps producing meanwhile.
/// </summary>
public sealed class BatchSender(IngestClient client, SimulatorStats stats)
{
    // Not SingleReader: that channel cannot count its items, and the status line shows the backlog.
    private readonly Channel<(byte[] Body, int Count)> _queue = Channel.CreateUnbounded<(byte[], int)>(
        new UnboundedChannelOptions { SingleWriter = true });
    private long _lastReport;

    public int Queued => _queue.Reader.Count;

    public void Enqueue(byte[] body, int count) => _queue.Writer.TryWrite((body, count));

    public void Complete() => _queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var (body, count) in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            stats.AddSent(count);
            var result = await client.PostUntilAnsweredAsync(body, TimeSpan.MaxValue, Retry, cancellationToken);
            if (result.IsAccepted)
            {
                stats.AddAnswer(result.Accepted, result.Rejected);
                Report(result.Rejected > 0 ? $"ingest rejected {result.Rejected} event(s), e.g. {result.Detail}" : null);
            }
            else
            {
                stats.AddFailed(count);
                Report($"ingest answered {(int)result.Status} to {count} event(s): {result.Detail}");
            }
        }
    }

    private void Retry(string message)
    {
        stats.AddRetry();
        Report(message);
    }

    /// <summary>Prints at most one problem every 5 s, not one per request.</summary>
    private void Report(string? problem)
    {
        if (problem is not null && Environment.TickCount64 - _lastReport >= 5000)
        {
            _lastReport = Environment.TickCount64;
            Console.Error.WriteLine($"[simulate] {problem}");
        }
    }
}
