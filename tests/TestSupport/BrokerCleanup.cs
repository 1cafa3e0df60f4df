using System.Net.Http.Json;

namespace Streaming.TestSupport;

/// <summary>
/// Deletes the queues and exchanges of the namespaces a test run created, through the broker's management API, so
/// a long-lived development broker does not collect thousands of test queues. Only names this process issued are
/// touched: other test assemblies run at the same time against the same broker.
/// </summary>
internal static class BrokerCleanup
{
    public static async Task DeleteNamespacesAsync(string host, string user, string password, IEnumerable<string> namespaces)
    {
        var prefixes = namespaces.Select(ns => ns + ".").ToList();
        if (prefixes.Count == 0) return;
        using var http = QueueDepth.Management(host, user, password);
        try
        {
            foreach (var kind in new[] { "queues", "exchanges" })
            {
                var items = await http.GetFromJsonAsync<List<Named>>($"{kind}/%2F?columns=name") ?? [];
                foreach (var name in items.Select(i => i.Name).Where(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))))
                {
                    await http.DeleteAsync($"{kind}/%2F/{Uri.EscapeDataString(name)}");
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No management API (e.g. a container without the plugin): the queues stay; nothing else depends on it.
        }
    }

    private sealed record Named(string Name);
}
