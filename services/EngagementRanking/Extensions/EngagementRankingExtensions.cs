using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.EngagementRanking.Consumers;
using Streaming.EngagementRanking.Finality;
using Streaming.EngagementRanking.Storage;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Extensions;

public static class EngagementRankingExtensions
{
    /// <summary>
    /// Redis, validated options and terms, the bus with the facts consumer on its own queue, and the clock that closes
    /// months and sends progress probes.
    /// </summary>
    public static IHostApplicationBuilder AddEngagementRanking(this IHostApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.Services.AddValidatedOptions<EngagementRankingOptions>(EngagementRankingOptions.Section);
        // The gateway applies the terms; validating them here too stops a bad rate card at every start.
        builder.Services.AddValidatedOptions<EngagementTerms>(EngagementTerms.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EngagementMetrics>();
        builder.Services.AddSingleton<LayoutMigration>();
        builder.Services.AddSingleton<LayoutGate>();
        // First: the facts and the finality checks wait for the layout migration (LayoutGate.Ready).
        builder.Services.AddHostedService(s => s.GetRequiredService<LayoutGate>());
        builder.Services.AddSingleton<EngagementStore>();
        builder.Services.AddSingleton<MonthStore>();
        builder.Services.AddSingleton<FactsProcessor>();
        builder.Services.AddSingleton<FinalityCheck>();
        builder.Services.AddSingleton<ProgressProbes>();
        builder.Services.AddHostedService<FinalityClock>();
        builder.AddMessageBus(x => x.AddConsumer<EngagementFactsConsumer, EngagementFactsConsumerDefinition>());
        return builder;
    }

    /// <summary>The service's queue (the facts consumer's kebab-case endpoint under the namespace), for the <c>errors</c> command.</summary>
    public static IReadOnlyList<string> Queues(PipelineOptions pipeline) => [pipeline.Prefix + "engagement-facts"];
}
