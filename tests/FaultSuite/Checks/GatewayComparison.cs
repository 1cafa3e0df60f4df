using System.Globalization;
using System.Text.Json.Nodes;
using Streaming.FaultSuite.Reference;

namespace Streaming.FaultSuite.Checks;

/// <summary>
/// Reads every number the gateway reports for the traffic (its documented routes, README "Endpoints") and lists each
/// one that differs from the reference: minutes and streams per title and hour (all, and per offer × marketplace),
/// the titles' totals, the CER inputs and CER per month and territory, and every channel's days, totals and actives.
/// </summary>
public sealed class GatewayComparison(Uri gateway, string operatorKey, PlaybackReference playback, ChannelReference channels, IReadOnlyCollection<string> marketplaces)
{
    private static readonly string[] Offers = ["prime", "tvod", "avod", "channel"];
    private static readonly HashSet<string> CerTerritories = ["US", "GB", "DE", "JP"];
    private readonly HttpClient http = new()
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new("Bearer", operatorKey) },
    };

    /// <summary>The differences, each as "what: gateway X, reference Y"; empty when every number is equal.</summary>
    public async Task<List<string>> DifferencesAsync()
    {
        var diffs = new List<string>();
        await ComparePerformanceAsync(diffs);
        await CompareTitlesAsync(diffs);
        await CompareEngagementAsync(diffs);
        await CompareChannelsAsync(diffs);
        return diffs;
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {body}");
        }
        return JsonNode.Parse(body)!;
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task ComparePerformanceAsync(List<string> diffs)
    {
        var hours = playback.Performance.Keys.Select(c => c.Hour).ToList();
        var from = hours.Min();
        var to = hours.Max().AddHours(1);
        var range = $"from={Instant(from)}&to={Instant(to)}&granularity=hour&tz=UTC&groupBy=title";
        await CompareTitleHoursAsync(diffs, range, "all offers and marketplaces", _ => true);
        foreach (var offer in Offers)
        {
            foreach (var marketplace in marketplaces)
            {
                await CompareTitleHoursAsync(diffs, $"{range}&offer={offer}&marketplace={marketplace}", $"{offer} {marketplace}",
                    c => c.Offer == offer && c.Marketplace == marketplace);
            }
        }
    }

    private async Task CompareTitleHoursAsync(List<string> diffs, string query, string filter, Func<PerformanceCell, bool> selected)
    {
        var expected = playback.Performance.Where(c => selected(c.Key))
            .GroupBy(c => (c.Key.TitleId, c.Key.Hour))
            .ToDictionary(g => g.Key, g => (Ms: g.Sum(c => c.Value.Ms), Streams: g.Sum(c => c.Value.Streams)));
        var answer = await GetAsync($"/v1/metrics/performance?{query}");
        var seen = new HashSet<(string, DateTimeOffset)>();
        foreach (var group in answer["groups"]?.AsArray() ?? [])
        {
            var title = group!["key"]!.GetValue<string>();
            foreach (var point in group["series"]!.AsArray())
            {
                var hour = DateTimeOffset.Parse(point!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                var minutes = point["minutesStreamed"]!.GetValue<decimal>();
                var streams = point["uniqueStreams"]!.GetValue<long>();
                var (ms, expectedStreams) = expected.GetValueOrDefault((title, hour));
                seen.Add((title, hour));
                if (minutes != PlaybackReference.Minutes(ms) || streams != expectedStreams)
                {
                    diffs.Add($"performance {title} {Instant(hour)} ({filter}): gateway {minutes} min, {streams} streams; reference {PlaybackReference.Minutes(ms)} min, {expectedStreams} streams");
                }
            }
        }
        foreach (var missing in expected.Keys.Where(k => !seen.Contains(k)))
        {
            diffs.Add($"performance {missing.TitleId} {Instant(missing.Hour)} ({filter}): missing from the gateway's answer; reference {PlaybackReference.Minutes(expected[missing].Ms)} min, {expected[missing].Streams} streams");
        }
    }

    private async Task CompareTitlesAsync(List<string> diffs)
    {
        var expected = playback.Performance.GroupBy(c => c.Key.TitleId)
            .ToDictionary(g => g.Key, g => (Ms: g.Sum(c => c.Value.Ms), Streams: g.Sum(c => c.Value.Streams)));
        var answer = await GetAsync("/v1/titles");
        var seen = new HashSet<string>();
        foreach (var title in answer["titles"]!.AsArray())
        {
            var id = title!["titleId"]!.GetValue<string>();
            seen.Add(id);
            var (ms, streams) = expected.GetValueOrDefault(id);
            var minutes = title["minutesStreamed"]!.GetValue<decimal>();
            var gatewayStreams = title["uniqueStreams"]!.GetValue<long>();
            if (minutes != PlaybackReference.Minutes(ms) || gatewayStreams != streams)
            {
                diffs.Add($"titles {id}: gateway {minutes} min, {gatewayStreams} streams; reference {PlaybackReference.Minutes(ms)} min, {streams} streams");
            }
        }
        foreach (var missing in expected.Keys.Where(k => !seen.Contains(k)))
        {
            diffs.Add($"titles {missing}: missing from the gateway's list");
        }
    }

    private async Task CompareEngagementAsync(List<string> diffs)
    {
        var cer = playback.Cer(CerTerritories);
        var months = playback.Engagement.Keys.Select(k => k.Month).Distinct().Order();
        foreach (var month in months)
        {
            foreach (var territory in marketplaces)
            {
                var expected = playback.Engagement.Where(c => c.Key.Month == month && c.Key.Territory == territory &&
                                                              (c.Value.Customers.Count > 0 || c.Value.Ms > 0))
                    .ToDictionary(c => (c.Key.UnitId, c.Key.Kind), c => (Customers: (long)c.Value.Customers.Count, c.Value.Ms, Cer: cer[c.Key]));
                var answer = await GetAsync($"/v1/metrics/engagement?month={month}&territory={territory}");
                if (answer["final"]!.GetValue<bool>() || answer["lateFactsIgnored"]!.GetValue<long>() != 0)
                {
                    diffs.Add($"engagement {month} {territory}: final {answer["final"]}, lateFactsIgnored {answer["lateFactsIgnored"]}; reference open, 0");
                }
                var seen = new HashSet<(string, string)>();
                foreach (var unit in answer["units"]!.AsArray())
                {
                    var key = (unit!["unitId"]!.GetValue<string>(), unit["kind"]!.GetValue<string>());
                    seen.Add(key);
                    var customers = unit["distinctCustomers"]!.GetValue<long>();
                    var minutes = unit["minutesStreamed"]!.GetValue<decimal>();
                    var unitCer = unit["cer"]?.GetValue<int>();
                    if (!expected.TryGetValue(key, out var e))
                    {
                        diffs.Add($"engagement {month} {territory} {key.Item1} ({key.Item2}): gateway {customers} customers, {minutes} min; reference has no such unit");
                    }
                    else if (customers != e.Customers || minutes != PlaybackReference.Minutes(e.Ms) || unitCer != e.Cer)
                    {
                        diffs.Add($"engagement {month} {territory} {key.Item1} ({key.Item2}): gateway {customers} customers, {minutes} min, CER {unitCer?.ToString() ?? "null"}; " +
                                  $"reference {e.Customers}, {PlaybackReference.Minutes(e.Ms)}, CER {e.Cer?.ToString() ?? "null"}");
                    }
                }
                foreach (var missing in expected.Keys.Where(k => !seen.Contains(k)))
                {
                    diffs.Add($"engagement {month} {territory} {missing.UnitId} ({missing.Kind}): missing from the gateway's answer");
                }
            }
        }
    }

    private async Task CompareChannelsAsync(List<string> diffs)
    {
        var list = await GetAsync("/v1/metrics/channels");
        var listed = list["channels"]!.AsArray().ToDictionary(c => c!["channelId"]!.GetValue<string>(),
            c => (Trial: c!["activeTrial"]!.GetValue<long>(), Paid: c["activePaid"]!.GetValue<long>()));
        foreach (var (channelId, days) in channels.Channels)
        {
            var from = days.Keys.First();
            var to = days.Keys.Last();
            var answer = await GetAsync($"/v1/metrics/channels/{channelId}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&granularity=day");
            long activeTrial = 0, activePaid = 0;
            var series = answer["series"]!.AsArray().ToDictionary(p => DateOnly.Parse(p!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture), p => p!);
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                var day = days.GetValueOrDefault(date) ?? new ChannelDay();
                activeTrial += day.TrialChange;
                activePaid += day.PaidChange;
                long[] reference = [day.TrialStarts, day.PaidConversions, day.TrialCancellations + day.PaidCancellations, activeTrial, activePaid];
                if (!series.TryGetValue(date, out var point))
                {
                    diffs.Add($"channel {channelId} {date:yyyy-MM-dd}: missing from the gateway's series");
                    continue;
                }
                long[] gateway = [.. new[] { "trialStarts", "paidConversions", "cancellations", "activeTrial", "activePaid" }.Select(f => point[f]!.GetValue<long>())];
                if (!gateway.SequenceEqual(reference))
                {
                    diffs.Add($"channel {channelId} {date:yyyy-MM-dd} (trial starts, conversions, cancellations, active trial, active paid): gateway {string.Join(", ", gateway)}; reference {string.Join(", ", reference)}");
                }
            }
            var totals = answer["totals"]!;
            var all = days.Values;
            var conversions = all.Sum(d => d.PaidConversions);
            var trialCancellations = all.Sum(d => d.TrialCancellations);
            var paidCancellations = all.Sum(d => d.PaidCancellations);
            var expectedTotals = $"{all.Sum(d => d.TrialStarts)}, {conversions}, {trialCancellations + paidCancellations}, {trialCancellations}, {paidCancellations}, " +
                                 $"{ChannelReference.ConversionRate(conversions, trialCancellations)?.ToString("G29", CultureInfo.InvariantCulture) ?? "null"}";
            var gatewayTotals = string.Join(", ", new[] { "trialStarts", "paidConversions", "cancellations", "trialCancellations", "paidCancellations" }
                .Select(f => totals[f]!.GetValue<long>().ToString(CultureInfo.InvariantCulture))) + ", " +
                (totals["conversionRate"]?.GetValue<decimal>().ToString("G29", CultureInfo.InvariantCulture) ?? "null");
            if (gatewayTotals != expectedTotals)
            {
                diffs.Add($"channel {channelId} totals (trial starts, conversions, cancellations, in trial, paid, rate): gateway {gatewayTotals}; reference {expectedTotals}");
            }
            var current = answer["current"]!;
            var now = (Trial: current["activeTrial"]!.GetValue<long>(), Paid: current["activePaid"]!.GetValue<long>());
            if (now != (activeTrial, activePaid) || listed.GetValueOrDefault(channelId) != (activeTrial, activePaid))
            {
                diffs.Add($"channel {channelId} active now (trial, paid): gateway {now} (list {listed.GetValueOrDefault(channelId)}); reference ({activeTrial}, {activePaid})");
            }
        }
    }
}
