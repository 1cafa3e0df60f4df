using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

/// <summary>
/// The one retry policy of every consumer (applied by <see cref="MessageBusRegistration"/> to every receive endpoint):
/// a transient fault (<see cref="TransientFaults"/>) is retried with waits growing to <c>Resilience:OutageRetryCap</c>
/// for <c>Resilience:OutageRetryFor</c>, so an outage of Redis or RabbitMQ holds messages rather than failing them;
/// anything else gets the four short <see cref="ResilienceOptions.PoisonRetries"/> and then its queue's _error queue,
/// with its exception. A consumer that holds a message takes no new one beyond its concurrency limit.
/// </summary>
public static class TransientRetry
{
    /// <summary>The meter of <c>consumer.retries</c> (tag <c>fault</c>: transient or poison).</summary>
    public const string MeterName = "Streaming.Consumers";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("consumer.retries", description: "Messages retried after a fault");

    public static void Configure(IRetryConfigurator retry, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ResilienceOptions>>().Value;
        retry.SetRetryPolicy(filter => new OutageRetryPolicy(filter, options.OutageRetries(), ResilienceOptions.PoisonRetries));
        retry.ConnectRetryObserver(new RetryLog(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransientRetry))));
    }

    /// <summary>A line per retry, at warning for an outage (what operators look for) and information for poison.</summary>
    private sealed class RetryLog(ILogger logger) : IRetryObserver
    {
        public Task PostCreate<T>(RetryPolicyContext<T> context) where T : class, PipeContext => Task.CompletedTask;

        public Task PostFault<T>(RetryContext<T> context) where T : class, PipeContext
        {
            var transient = TransientFaults.IsTransient(context.Exception);
            Retries.Add(1, new KeyValuePair<string, object?>("fault", transient ? "transient" : "poison"));
            var message = context.Context is ConsumeContext consume ? consume.MessageId?.ToString() ?? "?" : "?";
            if (transient)
            {
                logger.LogWarning("Dependency unavailable ({Fault}: {Reason}); message {MessageId} held, retry {Retry} in {Delay}",
                    context.Exception.GetType().Name, context.Exception.Message, message, context.RetryAttempt, context.Delay);
            }
            else
            {
                logger.LogInformation("Message {MessageId} failed ({Fault}: {Reason}); retry {Retry} in {Delay}",
                    message, context.Exception.GetType().Name, context.Exception.Message, context.RetryAttempt, context.Delay);
            }
            return Task.CompletedTask;
        }

        public Task PreRetry<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;

        public Task RetryFault<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;

        public Task RetryComplete<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;
    }
}
