using MassTransit;

namespace Streaming.ServiceDefaults;

/// <summary>
/// The retry every consumer gets: short, bounded retries for passing Redis or broker trouble; after them a message
/// goes to its queue's _error queue with its exception, never acknowledged and lost.
/// </summary>
public static class TransientRetry
{
    public static void Configure(IRetryConfigurator retry) => retry.Intervals(100, 500, 1000, 2000);
}
