using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Streaming.FaultSuite.Harness;

/// <summary>
/// The queues of the suite's own RabbitMQ node or cluster, from the management API (figures lag a few seconds). In a
/// cluster every node's API lists every queue; the first node that answers is asked, so one node may be down.
/// </summary>
public sealed class Broker
{
    private readonly List<HttpClient> nodes;

    public Broker(SuiteSettings settings)
    {
        var credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        nodes = [.. settings.ManagementPorts.Select(port => new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/api/"),
            Timeout = TimeSpan.FromSeconds(10),
            DefaultRequestHeaders = { Authorization = credentials },
        })];
    }

    /// <summary>Every queue with its messages (ready and unacknowledged); null while no node's API answers.</summary>
    public async Task<IReadOnlyList<(string Name, long Messages)>?> QueuesAsync()
    {
        foreach (var http in nodes)
        {
            try
            {
                var queues = JsonNode.Parse(await http.GetStringAsync("queues?columns=name,messages"))!.AsArray();
                return queues.Select(q => (q!["name"]!.GetValue<string>(), q["messages"]?.GetValue<long>() ?? 0)).ToList();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // this node is down or restarting: the next one
            }
        }
        return null;
    }

    /// <summary>The error and skipped queues (MassTransit's <c>_error</c>, <c>_skipped</c>) with what they hold.</summary>
    public static IEnumerable<(string Name, long Messages)> Faulted(IEnumerable<(string Name, long Messages)> queues) =>
        queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal));
}
