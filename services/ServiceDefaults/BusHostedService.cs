using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Starts and stops the bus in place of MassTransit's own hosted service, with the same start (in the background
/// unless <see cref="MassTransitHostOptions.WaitUntilStarted"/>) and a stop that cannot hang the host. MassTransit
/// 8.5's receive transports create their stopping token lazily, on their own thread: a stop that comes while they are
/// still starting can miss it and then waits forever, whatever token it was given (seen in CI: a host stopped right
/// after its start, every receive endpoint stuck in <c>StopAgent</c> beside transports in <c>OnTransportStartup</c>).
/// So a stop first lets a start in progress finish (<see cref="StartGrace"/> at most: with the broker away it never
/// does), and it waits for the bus no longer than the host's shutdown token allows; a bus still stopping then is
/// left behind with a warning, and the host goes on stopping.
/// </summary>
public sealed class BusHostedService(IBusDepot depot, IOptions<MassTransitHostOptions> options, ILogger<BusHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How long a stop waits for a start still in progress.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(5);

    private Task _started = Task.CompletedTask;
    private bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _started = settings.StartTimeout is { } timeout ? depot.Start(timeout, cancellationToken) : depot.Start(cancellationToken);
        return _started.IsCompleted || settings.WaitUntilStarted ? _started : Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            await _started.WaitAsync(StartGrace, cancellationToken);
        }
        catch (Exception)
        {
            // Not started within the grace (the broker away), the start failed, or the host gave up: stopped all the same.
        }
        try
        {
            await depot.Stop(cancellationToken).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The bus did not stop within the host's shutdown timeout; the host stops without waiting for it");
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(options.Value.StopTimeout ?? TimeSpan.FromSeconds(30));
        await StopAsync(timeout.Token);
    }
}
