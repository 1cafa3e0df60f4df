using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Transports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Replicas;

/// <summary>How to name and configure the receive endpoint of one partition queue of a service.</summary>
/// <param name="Service">The service's name in the member set's key (e.g. sessionization).</param>
public sealed record PartitionEndpoints(
    string Service, Func<string, int, string> QueueName, Action<IBusRegistrationContext, IReceiveEndpointConfigurator, string> Configure);

/// <summary>
/// Connects this replica to the partition queues it owns and only those. Every
/// <see cref="PipelineOptions.ReplicaHeartbeat"/> it renews its entry in <see cref="ReplicaRegistry"/>, reads the live
/// replicas, computes its partitions (<see cref="PartitionOwnership"/>), stops the receive endpoints of partitions it
/// no longer owns (MassTransit finishes the messages in hand; the prefetched ones go back to the queue unacknowledged
/// when the endpoint's channel closes) and connects those it gained. A lone replica owns every partition. When Redis
/// does not answer it keeps the partitions it has (all of them if it never read the members) and tries again at the
/// next heartbeat. An endpoint not consuming for <see cref="StallLimit"/> (<see cref="EndpointStalls"/>: MassTransit
/// reports it not ready, or the broker counts no consumer on its queue) is stopped and connected anew. Registered
/// after the bus, so it stops first: the bus then stops the endpoints. A replica that stops cleanly leaves the member
/// set after its endpoints have stopped; one that dies is dropped when its entry expires.
/// </summary>
public sealed class PartitionAssignment : IHostedService
{
    /// <summary>How long a stop waits for an endpoint still starting (<see cref="StopOnceStartedAsync"/>).</summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(5);

    /// <summary>The longest a released partition's stop may hold the heartbeat loop: after it, the loop goes on.</summary>
    private static readonly TimeSpan ReleaseLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an endpoint may stay not ready (the broker away, or its transport stuck) before it is restarted: longer
    /// than MassTransit's own reconnection waits (at most 30 s apart), so a broker that is merely away costs one restart
    /// a minute at most.
    /// </summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    /// <summary>How often the endpoints are checked (a passive declare of each owned queue on one channel).</summary>
    private static readonly TimeSpan StallCheckEvery = TimeSpan.FromSeconds(10);

    private readonly IReceiveEndpointConnector _connector;
    private readonly QueueConsumers _consumers;
    private readonly ReplicaRegistry _registry;
    private readonly PartitionEndpoints _endpoints;
    private readonly PipelineOptions _pipeline;
    private readonly ILogger<PartitionAssignment> _logger;
    private readonly string _key;
    private readonly Dictionary<int, HostReceiveEndpointHandle> _attached = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly EndpointStalls _stalls = new(StallLimit);
    private DateTimeOffset _nextStallCheck = DateTimeOffset.MinValue;
    private volatile int[] _owned = [];
    private bool _membersRead;
    private bool _redisAway;
    private Task _loop = Task.CompletedTask;

    public PartitionAssignment(
        IReceiveEndpointConnector connector, QueueConsumers consumers, ReplicaRegistry registry, PartitionEndpoints endpoints,
        IOptions<PipelineOptions> pipeline, IMeterFactory meters, ILogger<PartitionAssignment> logger)
    {
        _connector = connector;
        _consumers = consumers;
        _registry = registry;
        _endpoints = endpoints;
        _pipeline = pipeline.Value;
        _logger = logger;
        _key = ReplicaRegistry.Key(_pipeline.Prefix, endpoints.Service);
        ReplicaId = string.IsNullOrEmpty(_pipeline.ReplicaId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
            : _pipeline.ReplicaId;
        meters.Create(endpoints.Service).CreateObservableGauge(
            "partitions.owned", () => _owned.Length, "{partition}", "Partition queues this replica consumes (owns among the live replicas)");
    }

    /// <summary>This replica's id among the live replicas: Pipeline:ReplicaId, or host, process and a random part.</summary>
    public string ReplicaId { get; }

    /// <summary>The partitions whose queues this replica is connected to, ascending.</summary>
    public IReadOnlyList<int> Owned => _owned;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await AssignAsync(cancellationToken);
        _loop = LoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        // Stopped here, while the services they use are still there: the messages in hand are finished (or, for a
        // batch not complete, left unacknowledged), and the broker gets back those prefetched.
        var stopping = _attached.Select(a => StopEndpointAsync(a.Key, a.Value, cancellationToken)).ToList();
        _attached.Clear();
        _owned = [];
        await Task.WhenAll(stopping);
        await LeaveAsync();
    }

    /// <summary>
    /// Takes this replica's entry out of the member set once its endpoints have stopped, so the others take its
    /// partitions at their next heartbeat instead of after the entry's expiry (a rolling restart would otherwise leave
    /// them unconsumed for up to <see cref="PipelineOptions.ReplicaExpiry"/>). If Redis does not answer, the entry expires.
    /// </summary>
    private async Task LeaveAsync()
    {
        if (!_membersRead) return; // never joined
        try
        {
            await _registry.LeaveAsync(_key, ReplicaId).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e)
        {
            // Redis away, or its connection already disposed (a host whose start failed): the entry expires instead.
            _logger.LogWarning("Replica {Replica} could not leave the member set ({Error}); its entry expires after {Expiry}", ReplicaId, e.Message, _pipeline.ReplicaExpiry);
        }
    }

    /// <summary>Stops an endpoint at shutdown; a failure is logged, not thrown: the bus, stopping next, stops what is left.</summary>
    private async Task StopEndpointAsync(int partition, HostReceiveEndpointHandle handle, CancellationToken cancellationToken)
    {
        try
        {
            await StopOnceStartedAsync(handle, cancellationToken);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Stopping the endpoint of partition {Partition} failed or did not finish in time; the bus stops it", partition);
        }
    }

    /// <summary>
    /// Stops an endpoint connected at run time, once it is ready or <see cref="StartGrace"/> after. MassTransit 8.5's
    /// receive transport creates its stopping token lazily on its own thread: a stop that comes while the transport is
    /// still starting can miss it, and the stop then waits forever for a transport that never ends (seen in CI when a
    /// host was disposed right after it started). The stop itself waits no longer than <paramref name="cancellationToken"/>.
    /// </summary>
    private static async Task StopOnceStartedAsync(HostReceiveEndpointHandle handle, CancellationToken cancellationToken)
    {
        try
        {
            await handle.Ready.WaitAsync(StartGrace, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException || (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Not ready (the broker away, or the endpoint faulted): stopped all the same, well after its start.
        }
        await handle.StopAsync(cancellationToken).WaitAsync(cancellationToken);
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_pipeline.ReplicaHeartbeat, stoppingToken);
                await AssignAsync(stoppingToken);
                await RestartStalledAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Assigning the partitions of replica {Replica} failed; trying again at the next heartbeat", ReplicaId);
            }
        }
    }

    /// <summary>
    /// Stops and connects anew each endpoint that has not been consuming for <see cref="StallLimit"/>: MassTransit
    /// reports it not ready, or the broker counts no consumer on its queue. The stop takes the endpoint out of the bus at
    /// once, so its queue can be connected again while the stuck transport winds down.
    /// </summary>
    private async Task RestartStalledAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextStallCheck) return;
        _nextStallCheck = now + StallCheckEvery;
        var partitions = _attached.Keys.Order().ToList();
        var consumers = await ConsumersAsync(partitions, cancellationToken);
        var states = partitions.Select((p, i) => (p, IsReady(_attached[p]) && consumers[i] is not 0));
        foreach (var partition in _stalls.Observe(states, now))
        {
            _logger.LogWarning("The endpoint of partition {Partition} has not been consuming for {Limit}: stopped and connected anew", partition, StallLimit);
            _attached.Remove(partition, out var handle);
            _ = StopInBackgroundAsync(partition, handle!);
            Connect(partition);
        }
    }

    /// <summary>Connects a receive endpoint to the partition's queue and holds its handle.</summary>
    private void Connect(int partition)
    {
        var queue = _endpoints.QueueName(_pipeline.Prefix, partition);
        _attached[partition] = _connector.ConnectReceiveEndpoint(queue, (context, e) => _endpoints.Configure(context, e, queue));
    }

    /// <summary>The broker's count of consumers on each partition's queue; null for those not answered within 2 s in all.</summary>
    private async Task<uint?[]> ConsumersAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await _consumers.CountAsync([.. partitions.Select(p => _endpoints.QueueName(_pipeline.Prefix, p))], limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new uint?[partitions.Count];
        }
    }

    /// <summary>Whether MassTransit reports the endpoint ready (consuming); an endpoint that reports nothing counts as ready.</summary>
    private static bool IsReady(HostReceiveEndpointHandle handle) =>
        handle.ReceiveEndpoint is not ReceiveEndpoint endpoint || endpoint.HealthResult.Status == BusHealthStatus.Healthy;

    private async Task StopInBackgroundAsync(int partition, HostReceiveEndpointHandle handle)
    {
        using var limit = new CancellationTokenSource(ReleaseLimit);
        try
        {
            await handle.StopAsync(limit.Token).WaitAsync(limit.Token);
        }
        catch (Exception e)
        {
            _logger.LogWarning("The stalled endpoint of partition {Partition} did not stop within {Limit} ({Error}); it is out of the bus all the same",
                partition, ReleaseLimit, e.Message);
        }
    }

    private async Task AssignAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> members;
        try
        {
            members = await _registry.BeatAsync(_key, ReplicaId, _pipeline.ReplicaExpiry);
            _membersRead = true;
            if (_redisAway) _logger.LogInformation("Redis answers again: replica {Replica} resumes its heartbeat", ReplicaId);
            _redisAway = false;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            if (!_redisAway)
            {
                _logger.LogWarning(e, "Redis does not answer: replica {Replica} keeps its partitions {Partitions} until it does", ReplicaId,
                    _membersRead ? string.Join(',', _owned) : "(all)");
            }
            _redisAway = true;
            if (_membersRead) return;
            members = [ReplicaId]; // never read them: consume everything, as a lone replica does
        }

        var owned = PartitionOwnership.Owned(ReplicaId, members, _pipeline.Partitions);
        var released = _attached.Keys.Except(owned).Order().ToList();
        var gained = owned.Except(_attached.Keys).ToList();
        if (released.Count == 0 && gained.Count == 0) return;

        foreach (var partition in released)
        {
            // Forgotten first: a stop that fails has removed the endpoint from the bus anyway, and a later gain connects anew.
            _attached.Remove(partition, out var handle);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(ReleaseLimit);
            try
            {
                await StopOnceStartedAsync(handle!, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogError("Stopping the endpoint of released partition {Partition} took over {Limit}; going on", partition, ReleaseLimit);
            }
        }
        foreach (var partition in gained)
        {
            Connect(partition);
        }
        _owned = [.. _attached.Keys.Order()];
        _logger.LogInformation(
            "Replica {Replica} owns partitions {Partitions} ({Owned} of {Count}) among {Members} live replica(s); released {Released}, gained {Gained}",
            ReplicaId, string.Join(',', _owned), _owned.Length, _pipeline.Partitions, members.Count, string.Join(',', released), string.Join(',', gained));
    }
}
