using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.Tenancy;

/// <summary>
/// The catalog and the keys in memory. Loaded when the service starts; then the version counter is read every
/// <c>Tenancy:RefreshInterval</c> and everything reloaded when it moved, so a change made through any gateway is in
/// effect here within about a second. While Redis does not answer, the last snapshot keeps serving.
/// </summary>
public sealed class TenancyCache(TenancyStore store, IOptions<TenancyOptions> options, ILogger<TenancyCache> logger) : BackgroundService
{
    private volatile TenancySnapshot? _current;

    /// <summary>
    /// The snapshot in effect. Before the first load succeeded (Redis down since start-up) there is nothing to check
    /// a key or an event against: a transient fault, answered 503 with Retry-After.
    /// </summary>
    public TenancySnapshot Current => _current ?? throw new TransientFaultException("the catalog and keys are not loaded yet (Redis does not answer)");

    public bool IsLoaded => _current is not null;

    /// <summary>Reloads at once (after a change this process made, so its own next request sees it).</summary>
    public async Task RefreshAsync() => Keep(await store.LoadAsync());

    private void Keep(TenancySnapshot loaded)
    {
        // Loads overlap (the poll, a change made here): an older one finishing last must not undo a newer one.
        var seen = _current;
        while ((seen is null || loaded.Version > seen.Version) &&
               Interlocked.CompareExchange(ref _current, loaded, seen) is var was && !ReferenceEquals(was, seen))
        {
            seen = was;
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            logger.LogWarning(e, "Catalog and keys not loaded at start-up; retrying every {Interval}", options.Value.RefreshInterval);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var version = await store.VersionAsync();
                if (_current is null || version > _current.Version)
                {
                    await RefreshAsync();
                }
                else if (version < _current.Version)
                {
                    _current = await store.LoadAsync(); // the store was reset (restored from a backup, emptied): take it as it is
                }
            }
            catch (Exception e) when (TransientFaults.IsTransient(e) && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Catalog and keys not refreshed ({Fault}: {Reason}); version {Version} stays in effect",
                    e.GetType().Name, e.Message, _current?.Version);
            }
        }
    }
}
