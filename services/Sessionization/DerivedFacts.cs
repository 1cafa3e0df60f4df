using Streaming.Contracts.Sessionization;
using Streaming.Sessionization.Domain;

namespace Streaming.Sessionization;

/// <summary>
/// Sums the counter changes of a batch per customer × title × season × marketplace × offer × UTC hour, the grain the
/// engagement ranking and later services consume.
/// </summary>
public sealed class DerivedFacts
{
    private readonly Dictionary<FactKey, (int Streams, long WatchedMs)> _sums = [];

    public void Add(string customerId, string titleId, Contribution delta)
    {
        foreach (var (bucket, value) in delta.Values)
        {
            var hour = bucket.QuarterStartMs - bucket.QuarterStartMs % 3_600_000;
            var key = new FactKey(customerId, titleId, bucket.SeasonId, bucket.Marketplace, bucket.Offer, hour);
            var sum = _sums.GetValueOrDefault(key);
            _sums[key] = (sum.Streams + value.Streams, sum.WatchedMs + value.WatchedMs);
        }
    }

    /// <param name="caughtUpTo">The newest progress probe of the batch, if it held one.</param>
    public StreamActivityRecorded ToMessage(Guid batchId, int partition, DateTimeOffset? caughtUpTo) => new()
    {
        BatchId = batchId,
        Partition = partition,
        CaughtUpTo = caughtUpTo,
        Items = _sums.Where(f => f.Value.Streams != 0 || f.Value.WatchedMs != 0).Select(f => new StreamActivity
        {
            CustomerId = f.Key.CustomerId,
            TitleId = f.Key.TitleId,
            SeasonId = f.Key.SeasonId,
            Marketplace = f.Key.Marketplace,
            Offer = f.Key.Offer,
            HourStart = DateTimeOffset.FromUnixTimeMilliseconds(f.Key.HourStartMs),
            StreamsDelta = f.Value.Streams,
            WatchedMillisecondsDelta = f.Value.WatchedMs,
        }).ToList(),
    };

    private readonly record struct FactKey(string CustomerId, string TitleId, string? SeasonId, string Marketplace, string Offer, long HourStartMs);
}
