using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

public static class MessageBusRegistration
{
    /// <summary>
    /// MassTransit on RabbitMQ with publisher confirms, kebab-case endpoint names, and the bus health check that
    /// /health/ready reports. <paramref name="configureBus"/> runs before <c>ConfigureEndpoints</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? registerConsumers = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        builder.Services.AddValidatedOptions<RabbitMqOptions>(RabbitMqOptions.Section);
        builder.Services.AddSingleton<PartitionQueueAddresses>();
        // MassTransit's own bus check stays healthy on a send-only bus (ingest) after the broker goes away.
        builder.Services.AddHealthChecks().AddCheck<BrokerReachableHealthCheck>("rabbitmq-reachable", tags: ["ready"]);
        var ns = builder.Configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>()?.Prefix ?? "";
        builder.Services.AddMassTransit(x =>
        {
            // The pipeline namespace prefixes queues and exchanges, so deployments (and tests) sharing a broker
            // never see each other's messages.
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(ns, false));
            x.DisableUsageTelemetry(); // it calls out to the internet, which operators rarely want
            // One retry policy for every receive endpoint (partition endpoints apply it through the same callback):
            // outages are ridden out, poison goes to _error (TransientRetry).
            x.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UseMessageRetry(retry => TransientRetry.Configure(retry, context)));
            registerConsumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                if (ns.Length > 0)
                {
                    cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, ns));
                }
                var nodes = options.Nodes();
                cfg.Host(nodes[0].Host, (ushort)nodes[0].Port, options.VirtualHost, h =>
                {
                    h.Username(options.Username);
                    h.Password(options.Password);
                    h.PublisherConfirmation = true; // a send completes only when the broker has the message
                    // With RabbitMq:Hosts, MassTransit connects to the first node that answers, in order, and moves on
                    // to the next when its node goes.
                    if (options.Hosts.Length > 0) h.UseCluster(c => { foreach (var (host, port) in nodes) c.Node($"{host}:{port}"); });
                });
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        // The bus is started and stopped by BusHostedService, in MassTransit's hosted service's place (the order of the
        // hosted services, which sets the order of their stops, stays as it was).
        var services = builder.Services;
        var index = services.IndexOf(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MassTransitHostedService)));
        services[index] = ServiceDescriptor.Singleton<IHostedService, BusHostedService>();
        return builder;
    }
}
