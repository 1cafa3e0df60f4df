using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Streaming.FaultSuite.Traffic;

/// <summary>
/// The suite as the operator: its titles and channels in the catalog under distributor <c>faults</c>, and the ingest
/// keys its players and billing system post with, all through the gateway's admin API.
/// </summary>
public sealed class SuiteKeys
{
    private const string Distributor = "faults";
    private string? player, billing;

    public int Titles { get; private set; }
    public int Channels { get; private set; }

    /// <summary>The key a batch is posted with: a player key for playback, a billing key for subscriptions.</summary>
    public string For(string route) =>
        (route.EndsWith("/subscription", StringComparison.Ordinal) ? billing : player) ?? throw new InvalidOperationException("keys not set up");

    /// <param name="admin">The gateway, with the operator key.</param>
    public async Task SetUpAsync(HttpClient admin, IEnumerable<string> titleIds, IEnumerable<string> channelIds)
    {
        using (var created = await admin.PostAsJsonAsync("/v1/admin/distributors", new { distributorId = Distributor, name = "Fault suite" }))
        {
            if (created.StatusCode != System.Net.HttpStatusCode.Conflict) await ReadAsync(created); // 409: an earlier run made it
        }
        var titles = titleIds.Distinct(StringComparer.Ordinal).ToList();
        var channels = channelIds.Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in titles) await ReadAsync(await admin.PutAsJsonAsync($"/v1/admin/titles/{Uri.EscapeDataString(id)}", new { distributorId = Distributor }));
        foreach (var id in channels) await ReadAsync(await admin.PutAsJsonAsync($"/v1/admin/channels/{Uri.EscapeDataString(id)}", new { distributorId = Distributor }));
        player = (string)(await ReadAsync(await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "fault suite players", kind = "player" })))["key"]!;
        billing = (string)(await ReadAsync(await admin.PostAsJsonAsync("/v1/admin/ingest-keys", new { name = "fault suite billing", kind = "billing" })))["key"]!;
        (Titles, Channels) = (titles.Count, channels.Count);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // ingest sees the change within its one-second refresh
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        using var _ = response;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the admin API answered {(int)response.StatusCode} to {response.RequestMessage?.RequestUri}: {body}");
        }
        return JsonNode.Parse(body)!;
    }
}
