using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Ready only while the broker (one node of the cluster, with RabbitMq:Hosts) accepts connections: an AMQP handshake is more than a probe needs, and a refused or
/// unanswered TCP connection is exactly what makes sends time out.
/// </summary>
internal sealed class BrokerReachableHealthCheck(IOptions<RabbitMqOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        foreach (var (host, port) in options.Value.Nodes())
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, timeout.Token);
                return HealthCheckResult.Healthy($"{host}:{port} accepts connections");
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                last = e;
            }
        }
        var all = string.Join(", ", options.Value.Nodes().Select(n => $"{n.Host}:{n.Port}"));
        return HealthCheckResult.Unhealthy($"RabbitMQ at {all} does not accept connections", last);
    }
}
