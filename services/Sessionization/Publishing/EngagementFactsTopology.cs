using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Sessionization;
using Streaming.ServiceDefaults;

namespace Streaming.Sessionization.Publishing;

/// <summary>
/// At start, declares the engagement facts queue and its bindings as the engagement service's receive endpoint does
/// (<see cref="EngagementFactsQueue"/>: facts exchange → exchange of the queue's name → queue), so facts published
/// before that service ever ran (a fresh deployment, a deleted queue) wait in the queue instead of being dropped by an
/// exchange nobody is bound to. Declaring what exists changes nothing. Until it succeeds (the broker is down at start),
/// facts published meanwhile are returned (<see cref="MandatoryFactsPublication"/>) and wait in the outbox.
/// </summary>
public sealed class EngagementFactsTopology(
    IBus bus, IOptions<RabbitMqOptions> rabbit, IOptions<PipelineOptions> pipeline, ILogger<EngagementFactsTopology> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await DeclareAsync(stoppingToken);
                logger.LogInformation("Declared queue {Queue} for the engagement facts", EngagementFactsQueue.Name(pipeline.Value.Prefix));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not declare the engagement facts queue; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    public async Task DeclareAsync(CancellationToken cancellationToken)
    {
        // The facts' exchange as MassTransit names and declares it (namespace prefix included).
        var facts = ((IRabbitMqMessagePublishTopology<PackedStreamActivityRecorded>)bus.Topology.Publish<PackedStreamActivityRecorded>()).Exchange;
        var queue = EngagementFactsQueue.Name(pipeline.Value.Prefix);
        await using var connection = await rabbit.Value.ConnectAsync("sessionization: engagement facts topology", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(facts.ExchangeName, facts.ExchangeType, facts.Durable, facts.AutoDelete,
            facts.ExchangeArguments.ToDictionary(a => a.Key, a => (object?)a.Value), cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(queue, EngagementFactsQueue.ExchangeType, EngagementFactsQueue.Durable, EngagementFactsQueue.AutoDelete,
            cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, EngagementFactsQueue.Durable, exclusive: false, EngagementFactsQueue.AutoDelete,
            QueueDeclarations.FactsQueue(rabbit.Value), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, queue, routingKey: "", cancellationToken: cancellationToken);
        await channel.ExchangeBindAsync(destination: queue, source: facts.ExchangeName, routingKey: "", cancellationToken: cancellationToken);
    }
}
