using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Tests.Resilience;

/// <summary>
/// How a service's host starts and stops its bus (<see cref="BusHostedService"/>, in MassTransit's hosted service's
/// place), with a bus depot of the test's own standing in for MassTransit's, so each of MassTransit 8.5's bad moments
/// (a start still in progress, a stop that never ends) happens on cue.
/// </summary>
public sealed class BusHostedServiceTests
{
    /// <summary>A bus depot whose start ends when the test says, and which records the order of calls.</summary>
    private sealed class ScriptedDepot : IBusDepot
    {
        public readonly TaskCompletionSource StartDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly List<string> Calls = [];
        public Task StopTask = Task.CompletedTask;

        public Task Start(CancellationToken cancellationToken)
        {
            lock (Calls) Calls.Add("start");
            return StartDone.Task.ContinueWith(_ => { lock (Calls) Calls.Add("started"); }, TaskScheduler.Default);
        }

        public Task Stop(CancellationToken cancellationToken)
        {
            lock (Calls) Calls.Add("stop");
            return StopTask;
        }
    }

    [Fact]
    public async Task A_stop_during_the_start_waits_for_the_bus_to_be_started_before_stopping_it()
    {
        var depot = new ScriptedDepot();
        using var host = Build(depot, TimeSpan.FromSeconds(30));
        await host.StartAsync(); // the bus starts in the background, as before

        var stopping = host.StopAsync();
        await Task.Delay(300);
        Assert.Equal(["start"], Snapshot(depot)); // not stopped while starting
        depot.StartDone.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["start", "started", "stop"], Snapshot(depot));
    }

    [Fact]
    public async Task A_bus_that_does_not_stop_holds_the_host_no_longer_than_its_shutdown_timeout()
    {
        var depot = new ScriptedDepot { StopTask = new TaskCompletionSource().Task }; // never ends
        depot.StartDone.SetResult();
        using var host = Build(depot, TimeSpan.FromSeconds(1));
        await host.StartAsync();

        // MassTransit's own hosted service waits for the bus however long it takes: this would never return.
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["start", "started", "stop"], Snapshot(depot));
    }

    private static List<string> Snapshot(ScriptedDepot depot)
    {
        lock (depot.Calls) return [.. depot.Calls];
    }

    /// <summary>A host with the service defaults' bus, whose depot is <paramref name="depot"/>.</summary>
    private static IHost Build(ScriptedDepot depot, TimeSpan shutdownTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "Toy" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RabbitMq:Host"] = "127.0.0.1" });
        builder.AddMessageBus();
        builder.Services.Replace(ServiceDescriptor.Singleton<IBusDepot>(depot));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        return builder.Build();
    }
}
