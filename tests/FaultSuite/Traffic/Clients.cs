using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Streaming.FaultSuite.Traffic;

/// <summary>
/// Players and billing systems as a real SDK behaves: each batch is resent, unchanged (same eventIds), on a 503, a
/// refused connection, a timeout or any 5xx, until ingest answers 202. Records which events were acknowledged, and in
/// which phase each was first acknowledged. Playback goes with a player key, subscriptions with a billing key. With
/// several ingest replicas (cluster mode) batches take turns between them, and a batch that fails is resent, same
/// eventIds, to the next replica, as a client behind DNS round robin or a load balancer would.
/// </summary>
public sealed class Clients(IReadOnlyList<Uri> ingest, SuiteKeys keys)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private readonly HttpClient[] replicas = [.. ingest.Select(u => new HttpClient { BaseAddress = u, Timeout = TimeSpan.FromSeconds(10) })];
    private int turn;
    private readonly ConcurrentDictionary<string, int> firstAcknowledged = new();
    private readonly ConcurrentQueue<string> anomalies = new();
    private long attempts;

    public int Phase { get; set; }
    public long Attempts => Interlocked.Read(ref attempts);
    public IEnumerable<string> Anomalies => anomalies;
    public bool Acknowledged(string eventId) => firstAcknowledged.ContainsKey(eventId);
    public long AcknowledgedIn(int phase) => firstAcknowledged.Values.Count(p => p == phase);

    /// <summary>Sends the batches spread evenly over <paramref name="over"/> by a few concurrent clients.</summary>
    public async Task SendAsync(IReadOnlyList<Batch> batches, TimeSpan over, int concurrency = 4)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                var due = over * i / Math.Max(1, batches.Count);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                await PostUntilAcceptedAsync(batches[i]);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
    }

    /// <summary>Posts until 202; true then, false after giving up (recorded as an anomaly).</summary>
    public async Task<bool> PostUntilAcceptedAsync(Batch batch)
    {
        var clock = Stopwatch.StartNew();
        var replica = (uint)Interlocked.Increment(ref turn);
        for (; clock.Elapsed < GiveUpAfter; replica++)
        {
            var http = replicas[replica % replicas.Length];
            Interlocked.Increment(ref attempts);
            // With another replica to try, soon after a refused connection; the same wait after a 503 or a timeout.
            var wait = TimeSpan.FromSeconds(1);
            try
            {
                using var content = new ByteArrayContent(batch.Body);
                content.Headers.ContentType = new("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, batch.Route) { Content = content };
                request.Headers.Authorization = new("Bearer", keys.For(batch.Route));
                using var response = await http.SendAsync(request);
                if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
                {
                    var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    var accepted = answer["accepted"]!.GetValue<int>();
                    if (accepted != batch.EventIds.Count)
                    {
                        anomalies.Enqueue($"{batch.Route}: {accepted} of {batch.EventIds.Count} accepted: {answer.ToJsonString()}");
                    }
                    foreach (var id in batch.EventIds)
                    {
                        firstAcknowledged.TryAdd(id, Phase);
                    }
                    return true;
                }
                if ((int)response.StatusCode < 500)
                {
                    anomalies.Enqueue($"{batch.Route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return false;
                }
                if (response.Headers.RetryAfter?.Delta is { } delta) wait = delta;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Connection refused (ingest killed) or no answer within the timeout: resend, as a player would.
                if (replicas.Length > 1 && e is HttpRequestException) wait = TimeSpan.FromMilliseconds(100);
            }
            await Task.Delay(wait);
        }
        anomalies.Enqueue($"{batch.Route}: no 202 within {GiveUpAfter.TotalMinutes} min for a batch of {batch.EventIds.Count}");
        return false;
    }
}
