using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.Ingest.Tests.Endpoints;

namespace Streaming.Ingest.Tests.Subscriptions;

/// <summary>Stands in for the broker: records what it was handed and does what the test says (confirm by default).</summary>
public sealed class RecordingSubscriptionPublisher : ISubscriptionPublisher
{
    private readonly List<IReadOnlyList<SubscriptionEvent>> _batches = [];

    public Func<CancellationToken, Task> Confirm { get; set; } = _ => Task.CompletedTask;

    public IReadOnlyList<IReadOnlyList<SubscriptionEvent>> Batches
    {
        get { lock (_batches) return [.. _batches]; }
    }

    public Task PublishAsync(IReadOnlyList<SubscriptionEvent> events, CancellationToken cancellationToken)
    {
        lock (_batches) _batches.Add([.. events]);
        return Confirm(cancellationToken);
    }

    /// <summary>The ingest service in memory (see <see cref="IngestFactory"/>) with this recorder instead of the broker.</summary>
    public WebApplicationFactory<Program> Replacing(IngestFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISubscriptionPublisher>();
            services.AddSingleton<ISubscriptionPublisher>(this);
        }));
}
