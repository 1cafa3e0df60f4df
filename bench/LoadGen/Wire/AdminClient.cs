using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>
/// The gateway's admin API with the operator key: what LoadGen needs before it posts events (its titles and
/// channels in the catalog, its ingest keys) and what <c>demo-setup</c> prints for a new user.
/// </summary>
public sealed class AdminClient(Uri gateway, string operatorKey) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", operatorKey) },
    };

    /// <summary>The operator key from <c>--operator-key</c>, else the environment (<c>Auth__OperatorKey</c>, as the services read it).</summary>
    public static string OperatorKey(Args args) =>
        args.String("operator-key", Environment.GetEnvironmentVariable("Auth__OperatorKey") ?? "") is { Length: > 0 } key
            ? key
            : throw new ArgumentException("--operator-key (or the environment variable Auth__OperatorKey) is required: the catalog and keys are set up through the gateway's admin API");

    /// <summary>Creates the distributor and returns its first access key; null when it exists already.</summary>
    public async Task<string?> CreateDistributorAsync(string distributorId, string name, CancellationToken cancellationToken)
    {
        using var created = await _http.PostAsJsonAsync("/v1/admin/distributors", new { distributorId, name }, cancellationToken);
        return created.StatusCode == HttpStatusCode.Conflict ? null : (string)(await ReadAsync(created, cancellationToken))["accessKey"]!;
    }

    /// <summary>Creates the distributor and returns its first access key; for one that exists, a new access key.</summary>
    public async Task<string> DistributorAccessKeyAsync(string distributorId, string name, CancellationToken cancellationToken)
    {
        if (await CreateDistributorAsync(distributorId, name, cancellationToken) is { } first) return first;
        using var another = await _http.PostAsync($"/v1/admin/distributors/{Uri.EscapeDataString(distributorId)}/keys", null, cancellationToken);
        return (string)(await ReadAsync(another, cancellationToken))["accessKey"]!;
    }

    public Task PutTitlesAsync(string distributorId, IEnumerable<string> titleIds, CancellationToken cancellationToken) =>
        PutAllAsync("titles", distributorId, titleIds, cancellationToken);

    public Task PutChannelsAsync(string distributorId, IEnumerable<string> channelIds, CancellationToken cancellationToken) =>
        PutAllAsync("channels", distributorId, channelIds, cancellationToken);

    /// <summary>A new ingest key of <paramref name="kind"/> (player or billing).</summary>
    public async Task<string> IngestKeyAsync(string kind, string name, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/v1/admin/ingest-keys", new { name, kind }, cancellationToken);
        return (string)(await ReadAsync(response, cancellationToken))["key"]!;
    }

    private async Task PutAllAsync(string list, string distributorId, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            using var response = await _http.PutAsJsonAsync($"/v1/admin/{list}/{Uri.EscapeDataString(id)}", new { distributorId }, cancellationToken);
            await ReadAsync(response, cancellationToken);
        }
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ArgumentException($"the gateway's admin API answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        }
        return JsonNode.Parse(body)!;
    }

    public void Dispose() => _http.Dispose();
}
