using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Streaming.FaultSuite.Harness;

/// <summary>The queues of the suite's own RabbitMQ node, from its management API (figures lag a few seconds).</summary>
public sealed class Broker
{
    private readonly HttpClient http;

    public Broker(SuiteSettings settings)
    {
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.ManagementPort}/api/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
    }

    /// <summary>Every queue of the node with its messages (ready and unacknowledged); null while the API does not answer.</summary>
    public async Task<IReadOnlyList<(string Name, long Messages)>?> QueuesAsync()
    {
        try
        {
            var queues = JsonNode.Parse(await http.GetStringAsync("queues?columns=name,messages"))!.AsArray();
            return queues.Select(q => (q!["name"]!.GetValue<string>(), q["messages"]?.GetValue<long>() ?? 0)).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The error and skipped queues (MassTransit's <c>_error</c>, <c>_skipped</c>) with what they hold.</summary>
    public static IEnumerable<(string Name, long Messages)> Faulted(IEnumerable<(string Name, long Messages)> queues) =>
        queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal));
}
