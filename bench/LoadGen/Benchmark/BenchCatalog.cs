using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>Puts a run's titles and channels into the catalog (distributor <c>bench</c>) before any event is sent.</summary>
public static class BenchCatalog
{
    public const string DistributorId = "bench";

    /// <summary>
    /// Ingest sees a catalog change within its refresh interval (1 s) plus a load: waiting this long after the last
    /// change keeps the run's first events from being rejected. Not part of any timed phase.
    /// </summary>
    private static readonly TimeSpan SeenByIngest = TimeSpan.FromSeconds(2.5);

    public static async Task RegisterAsync(BenchOptions options, ISyntheticLoad load, CancellationToken cancellationToken)
    {
        using var admin = new AdminClient(options.Gateway, options.OperatorKey);
        await admin.CreateDistributorAsync(DistributorId, "Benchmark", cancellationToken); // null when an earlier run made it
        await admin.PutTitlesAsync(DistributorId, load.TitleIds, cancellationToken);
        await admin.PutChannelsAsync(DistributorId, load.ChannelIds, cancellationToken);
        await Task.Delay(SeenByIngest, cancellationToken);
    }

    /// <summary>
    /// Creates a distributor of the run's own that owns <paramref name="titleIds"/>, and returns an access key of it:
    /// its queries see exactly these titles, whatever else the namespace holds.
    /// </summary>
    public static async Task<string> RegisterOwnAsync(BenchOptions options, string distributorId, IReadOnlyCollection<string> titleIds, CancellationToken cancellationToken)
    {
        using var admin = new AdminClient(options.Gateway, options.OperatorKey);
        var key = await admin.DistributorAccessKeyAsync(distributorId, "Benchmark " + distributorId, cancellationToken);
        await admin.PutTitlesAsync(distributorId, titleIds, cancellationToken);
        await Task.Delay(SeenByIngest, cancellationToken);
        return key;
    }
}
