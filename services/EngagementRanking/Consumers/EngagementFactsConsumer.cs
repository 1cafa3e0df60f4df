using MassTransit;
using Streaming.Contracts.Sessionization;

namespace Streaming.EngagementRanking.Consumers;

/// <summary>
/// Thin adapter: the derived facts sessionization publishes, into <see cref="FactsProcessor"/>. Sessionization
/// publishes the packed form; the JSON-list form is still consumed so an older sessionization's facts count.
/// </summary>
public sealed class EngagementFactsConsumer(FactsProcessor processor) :
    IConsumer<PackedStreamActivityRecorded>,
    IConsumer<StreamActivityRecorded>
{
    public Task Consume(ConsumeContext<PackedStreamActivityRecorded> context) => processor.ProcessAsync(context.Message.ToUnpacked());

    public Task Consume(ConsumeContext<StreamActivityRecorded> context) => processor.ProcessAsync(context.Message);
}
