using NodaTime;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Live;

/// <summary>
/// The values one live update reads, summed over partitions and titles, and how they become the update. Today's
/// minutes and streams go through the performance query's own plan and aggregator (a total over the UTC day), so they
/// are the numbers <c>/v1/metrics/performance</c> gives for that day. No I/O.
/// </summary>
public sealed record LiveSnapshot(long EventsPerSecond, long PlayingNow, IReadOnlyList<CounterHash> TodayHashes, long TrialStarts, long PaidConversions)
{
    public LiveUpdate ToUpdate(LiveQuery query, LiveInstant instant)
    {
        var day = instant.Today;
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var plan = new PerformancePlan(DateTimeZone.Utc, start, start.AddDays(1), Granularity.Total, [start],
            query.TitleIds.ToHashSet(StringComparer.Ordinal), new HashSet<string>(), new HashSet<string>(), groupBy: null, csv: false);
        var totals = PerformanceAggregator.Aggregate(plan, TodayHashes).Totals;
        return new LiveUpdate(instant.AtText, query.TitleIds, query.ChannelId, EventsPerSecond, PlayingNow,
            new LiveToday(day, totals.MinutesStreamed, totals.UniqueStreams, TrialStarts, PaidConversions));
    }
}
