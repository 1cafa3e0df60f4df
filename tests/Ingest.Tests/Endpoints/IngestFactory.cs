using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>
/// The ingest service in memory. The bus points at the local broker (127.0.0.1) and starts harmlessly; unless
/// <paramref name="realPublisher"/> is set, <see cref="Publisher"/> replaces the broker for the endpoint. Given a
/// clock, the service reads the time from it. Keys and the catalog are the tests' (<see cref="TestTenancy"/>) unless
/// <paramref name="tenancy"/> is false: then requests carry the keys the test gives them.
/// </summary>
public sealed class IngestFactory(
    IReadOnlyDictionary<string, string?>? settings = null, bool realPublisher = false, TimeProvider? clock = null, bool tenancy = true)
    : WebApplicationFactory<Program>
{
    public RecordingPublisher Publisher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["RabbitMq:Host"] = "127.0.0.1",
            ["Redis:Configuration"] = "127.0.0.1:6379",
            ["Pipeline:Namespace"] = $"t-ingest-{Guid.NewGuid():N}",
            ["Auth:OperatorKey"] = TestTenancy.OperatorKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(all));
        if (tenancy) TestTenancy.Apply(builder);
        builder.ConfigureTestServices(services =>
        {
            if (clock is not null) services.AddSingleton(clock);
            if (!realPublisher)
            {
                services.RemoveAll<IPlaybackPublisher>();
                services.AddSingleton<IPlaybackPublisher>(Publisher);
            }
        });
    }
}
