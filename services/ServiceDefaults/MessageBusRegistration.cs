using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required(AllowEmptyStrings = false)]
    public string VirtualHost { get; set; } = "/";

    [Required(AllowEmptyStrings = false)]
    public string Username { get; set; } = "guest";

    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "guest";

    /// <summary>A plain AMQP connection to the same broker, for work outside MassTransit (operator commands, topology).</summary>
    public RabbitMQ.Client.ConnectionFactory ConnectionFactory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        ClientProvidedName = clientName,
    };
}

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
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, h =>
                {
                    h.Username(options.Username);
                    h.Password(options.Password);
                    h.PublisherConfirmation = true; // a send completes only when the broker has the message
                });
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
