using MassTransit;
using Streaming.Contracts.Sessionization;

namespace Streaming.EngagementRanking.Consumers;

/// <summary>Thin adapter: the derived facts sessionization publishes, into <see cref="FactsProcessor"/>.</summary>
public sealed class EngagementFactsConsumer(FactsProcessor processor) : IConsumer<StreamActivityRecorded>
{
    public Task Consume(ConsumeContext<StreamActivityRecorded> context) => processor.ProcessAsync(context.Message);
}
