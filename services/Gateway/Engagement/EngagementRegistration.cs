using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Engagement;

public static class EngagementRegistration
{
    /// <summary>
    /// The engagement terms (section <c>EngagementRanking</c>, shared with the engagement service and validated at
    /// start), the parameter checks, the reader of the engagement counters and the cache of ranked units.
    /// </summary>
    public static IServiceCollection AddEngagementQueries(this IServiceCollection services)
    {
        services.AddValidatedOptions<EngagementTerms>(EngagementTerms.Section);
        services.AddSingleton<EngagementParameters>();
        services.AddSingleton<EngagementReader>();
        services.AddSingleton<RankedUnitsCache>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, EngagementJsonContext.Default));
        return services;
    }
}
