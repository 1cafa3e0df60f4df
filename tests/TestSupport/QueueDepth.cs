using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Streaming.TestSupport;

/// <summary>
/// A queue as the broker's management API sees it: how many messages it holds, ready or delivered and not yet
/// acknowledged; and deleting one of a test's own namespace (as an operator might by mistake).
/// </summary>
public static class QueueDepth
{
    /// <summary>The messages of <paramref name="queue"/> (its full name); null when the broker has no such queue.</summary>
    public static async Task<long?> QueueMessagesAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps);
        var response = await http.GetAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var queueInfo = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return queueInfo?.Messages ?? 0;
    }

    /// <summary>Deletes <paramref name="queue"/> (its full name) with its messages and bindings.</summary>
    public static async Task DeleteQueueAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps);
        var response = await http.DeleteAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        Assert.True(response.IsSuccessStatusCode, $"deleting queue {queue}: {(int)response.StatusCode}");
    }

    private static HttpClient Management(RealDependencies deps)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{deps.RabbitHost}:15672/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{deps.RabbitUser}:{deps.RabbitPassword}")));
        return http;
    }

    private sealed record QueueInfo(long Messages);
}
