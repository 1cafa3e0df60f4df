namespace Streaming.EngagementRanking.Tests.Service;

/// <summary>
/// Classes that read the service's own counters off its /metrics. OpenTelemetry there counts every meter named
/// "engagement-ranking" in the process, the harness's too, so xunit runs them alone, after the parallel classes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceMetricsCollection
{
    public const string Name = "engagement-ranking /metrics";
}
