using System.Diagnostics.Metrics;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking;

/// <summary>The service's own instruments, on the meter named after the service ("engagement-ranking").</summary>
public sealed class EngagementMetrics
{
    public EngagementMetrics(IMeterFactory meters, IHostEnvironment environment)
    {
        var meter = meters.Create(environment.ServiceName());
        FactsApplied = meter.CreateCounter<long>("engagement.facts.applied", "{fact}", "Derived facts added to the month counters");
        FactsIgnoredFinal = meter.CreateCounter<long>("engagement.facts.ignored_final", "{fact}", "Derived facts ignored because their month was final when they arrived; tag month (yyyy-MM)");
        Duplicates = meter.CreateCounter<long>("engagement.batches.duplicates", "{batch}", "Facts messages dropped because their BatchId was applied");
        MonthsClosed = meter.CreateCounter<long>("engagement.months.closed", "{month}", "Months that became final (closed by the finality check)");
        RedisApply = meter.CreateHistogram<double>("engagement.redis.duration", "ms", "Redis time to apply one facts message");
    }

    public Counter<long> FactsApplied { get; }
    public Counter<long> FactsIgnoredFinal { get; }
    public Counter<long> Duplicates { get; }
    public Counter<long> MonthsClosed { get; }
    public Histogram<double> RedisApply { get; }
}
