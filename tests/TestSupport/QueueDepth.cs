using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Streaming.TestSupport;

/// <summary>How many messages a queue holds, ready or delivered and not yet acknowledged, from the broker's management API.</summary>
public static class QueueDepth
{
    /// <summary>The messages of <paramref name="queue"/> (its full name); null when the broker has no such queue.</summary>
    public static async Task<long?> QueueMessagesAsync(this RealDependencies deps, string queue)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{deps.RabbitHost}:15672/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{deps.RabbitUser}:{deps.RabbitPassword}")));
        var response = await http.GetAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var queueInfo = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return queueInfo?.Messages ?? 0;
    }

    private sealed record QueueInfo(long Messages);
}
