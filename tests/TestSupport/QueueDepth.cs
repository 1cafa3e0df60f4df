using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Streaming.TestSupport;

/// <summary>
/// Queues through the broker's management API: how many messages one holds (ready or delivered and not yet
/// acknowledged), what they are (peeked, then put back), a raw body put on one, as a broken producer would, and
/// deleting one of a test's own namespace (as an operator might by mistake).
/// </summary>
public static class QueueDepth
{
    /// <summary>The messages of <paramref name="queue"/> (its full name); null when the broker has no such queue.</summary>
    public static async Task<long?> QueueMessagesAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        var response = await http.GetAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var queueInfo = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return queueInfo?.Messages ?? 0;
    }

    /// <summary>The arguments <paramref name="queue"/> was declared with (x-queue-type and the like); null when there is no such queue.</summary>
    public static async Task<JsonObject?> QueueArgumentsAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        var response = await http.GetAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode) return null;
        return (await response.Content.ReadFromJsonAsync<JsonObject>())?["arguments"]?.AsObject();
    }

    /// <summary>How many consumers <paramref name="queue"/> has (the management API's figure, which lags a few seconds); null when there is no such queue.</summary>
    public static async Task<long?> QueueConsumersAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        var response = await http.GetAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode) return null;
        return (long?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["consumers"] ?? 0;
    }

    /// <summary>Deletes <paramref name="queue"/> (its full name) with its messages and bindings.</summary>
    public static async Task DeleteQueueAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        var response = await http.DeleteAsync($"queues/%2F/{Uri.EscapeDataString(queue)}");
        Assert.True(response.IsSuccessStatusCode, $"deleting queue {queue}: {(int)response.StatusCode}");
    }

    /// <summary>Up to <paramref name="count"/> messages of <paramref name="queue"/>, left in it (requeued, so marked redelivered).</summary>
    public static async Task<List<PeekedMessage>> PeekAsync(this RealDependencies deps, string queue, int count = 100)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        var response = await http.PostAsJsonAsync($"queues/%2F/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<List<JsonObject>>() ?? [];
        return messages.Select(m => new PeekedMessage(
            (string?)m["properties"]?["message_id"],
            m["properties"]?["headers"]?.AsObject().ToDictionary(h => h.Key, h => h.Value?.ToString()) ?? [],
            (string?)m["payload"] ?? "")).ToList();
    }

    /// <summary>Declares a durable queue of a test's own (no consumer), as a service's endpoint would.</summary>
    public static async Task DeclareQueueAsync(this RealDependencies deps, string queue)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        (await http.PutAsJsonAsync($"queues/%2F/{Uri.EscapeDataString(queue)}", new { durable = true, auto_delete = false })).EnsureSuccessStatusCode();
    }

    /// <summary>Puts <paramref name="body"/> on <paramref name="queue"/> as it is, with MassTransit's content type.</summary>
    public static async Task PublishRawAsync(this RealDependencies deps, string queue, string messageId, string body)
    {
        using var http = Management(deps.RabbitHost, deps.RabbitUser, deps.RabbitPassword);
        var response = await http.PostAsJsonAsync("exchanges/%2F/amq.default/publish", new
        {
            properties = new { message_id = messageId, content_type = "application/vnd.masstransit+json", delivery_mode = 2 },
            routing_key = queue,
            payload = body,
            payload_encoding = "string",
        });
        response.EnsureSuccessStatusCode();
        Assert.Equal(true, (await response.Content.ReadFromJsonAsync<JsonObject>())?["routed"]?.GetValue<bool>());
    }

    /// <summary>The management API of the broker at <paramref name="host"/> (port 15672).</summary>
    public static HttpClient Management(string host, string user, string password, int port = 15672)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{host}:{port}/api/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    private sealed record QueueInfo(long Messages);
}

/// <summary>A message as the management API shows it: its AMQP message id, headers (as text) and body.</summary>
public sealed record PeekedMessage(string? MessageId, Dictionary<string, string?> Headers, string Payload);
