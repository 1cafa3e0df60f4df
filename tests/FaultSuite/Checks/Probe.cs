using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite.Checks;

/// <summary>
/// The end-to-end path after a fault: a viewer of its own title (prime, US: play, then a heartbeat 30 s later) and a
/// subscriber of its own channel (a trial), posted through ingest and awaited at the gateway in the performance
/// counters, the engagement ranking and the channel metrics. The system has recovered when all three show them.
/// The probes are traffic like any other: the reference counts them.
/// </summary>
public sealed class Probe(string name, DateTimeOffset now)
{
    private readonly DateTimeOffset playAt = now.AddSeconds(-60);

    public string Id => $"probe-{name}";

    public IReadOnlyList<PlaybackEvent> Playback =>
    [
        new($"{Id}-play", "play", playAt, Id, "probe", Id, null, "US", "prime", null),
        new($"{Id}-heartbeat", "heartbeat", playAt.AddSeconds(30), Id, "probe", Id, null, "US", "prime", null),
    ];

    public IReadOnlyList<SubscriptionEvent> Subscription => [new($"{Id}-trial", "trial_started", playAt, Id, Id, "US")];

    public Batch PlaybackBatch => new("/v1/events/playback", [.. Playback.Select(e => e.EventId)], JsonSerializer.SerializeToUtf8Bytes(Playback, TrafficGenerator.Json));
    public Batch SubscriptionBatch => new("/v1/events/subscription", [.. Subscription.Select(e => e.EventId)], JsonSerializer.SerializeToUtf8Bytes(Subscription, TrafficGenerator.Json));

    /// <summary>True once the gateway shows the probe's stream (0.50 min), its engagement unit and its trial start.</summary>
    public async Task<bool> VisibleAsync(HttpClient gateway)
    {
        try
        {
            var day = playAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var performance = await GetAsync(gateway, $"/v1/metrics/performance?titleId={Id}&from={day}&to={day}&granularity=total");
            if (performance?["totals"] is not { } totals || totals["uniqueStreams"]!.GetValue<long>() != 1 || totals["minutesStreamed"]!.GetValue<decimal>() != 0.50m)
            {
                return false;
            }
            var engagement = await GetAsync(gateway, $"/v1/metrics/engagement?month={playAt.UtcDateTime:yyyy-MM}&territory=US");
            if (engagement?["units"]?.AsArray().Any(u => u!["unitId"]!.GetValue<string>() == Id && u["distinctCustomers"]!.GetValue<long>() == 1) != true)
            {
                return false;
            }
            var channel = await GetAsync(gateway, $"/v1/metrics/channels/{Id}?from={day}&to={day}");
            return channel?["totals"]?["trialStarts"]?.GetValue<long>() == 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<JsonNode?> GetAsync(HttpClient gateway, string path)
    {
        using var response = await gateway.GetAsync(path);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }
}
