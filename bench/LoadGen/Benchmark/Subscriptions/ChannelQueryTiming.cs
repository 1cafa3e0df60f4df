using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using StackExchange.Redis;
using Streaming.Bench.LoadGen.Wire;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Bench.LoadGen.Benchmark.Subscriptions;

/// <summary>How long the gateway took to answer channel queries over a year of daily buckets, seen from the client.</summary>
public sealed record ChannelQueryResult(int Queries, int FieldsRead, double[] SortedMs) : SortedLatencies(SortedMs);

/// <summary>
/// Seeds one synthetic channel with 365 days of all seven daily counts in every partition (the subscription service's
/// layout), asks the gateway for that year by day --queries times one after another after 20 untimed queries, times
/// each request to its last byte, checks every answer has 365 buckets, then deletes the channel.
/// </summary>
public static class ChannelQueryTiming
{
    private const int Days = 365;
    private const int WarmupQueries = 20;

    public static async Task<ChannelQueryResult> RunAsync(BenchOptions options, IDatabase redis, CancellationToken cancellationToken)
    {
        var channel = $"bench-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}-year";
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(1 - Days);
        var keys = Enumerable.Range(0, options.Partitions).Select(p => (RedisKey)ChannelCounterLayout.ChannelDays(options.KeyPrefix, p, channel)).ToArray();
        for (var p = 0; p < keys.Length; p++)
        {
            await redis.HashSetAsync(keys[p], [.. Enumerable.Range(0, Days).SelectMany(d => DayFields(from.AddDays(d), d + p))]);
        }
        var fields = (int)(await Task.WhenAll(keys.Select(k => redis.HashLengthAsync(k)))).Sum();

        using var http = new HttpClient { BaseAddress = options.Subscriptions.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", options.OperatorKey);
        var url = string.Create(CultureInfo.InvariantCulture, $"/v1/metrics/channels/{channel}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        var timings = new List<double>(options.Subscriptions.Queries);
        try
        {
            for (var i = 0; i < WarmupQueries + options.Subscriptions.Queries; i++)
            {
                var (body, elapsed) = await TimedQuery.GetAsync(http, url, cancellationToken);
                if (JsonSerializer.Deserialize(body, AnswerJsonContext.Default.SeriesAnswer)!.Series.Count != Days)
                {
                    throw new BenchAbortedException($"the gateway's answer to {url} does not have {Days} buckets");
                }
                if (i >= WarmupQueries) timings.Add(elapsed);
            }
        }
        catch (HttpRequestException e)
        {
            throw new BenchAbortedException($"the gateway is unreachable at {options.Subscriptions.Gateway}: {e.Message}");
        }
        finally
        {
            await redis.KeyDeleteAsync(keys);
        }
        return new ChannelQueryResult(timings.Count, fields, [.. timings.Order()]);
    }

    /// <summary>A plausible day: a few trials, conversions and cancellations, and the active changes that go with them.</summary>
    private static IEnumerable<HashEntry> DayFields(DateOnly day, int seed)
    {
        long trials = 2 + seed % 4, conversions = 1 + seed % 2, paidStarts = seed % 3 == 0 ? 1 : 0;
        long trialCancellations = seed % 2, paidCancellations = seed % 5 == 0 ? 1 : 0;
        (string Metric, long Value)[] values =
        [
            (ChannelCounterLayout.Metrics.TrialStarts, trials),
            (ChannelCounterLayout.Metrics.PaidConversions, conversions),
            (ChannelCounterLayout.Metrics.PaidStarts, paidStarts),
            (ChannelCounterLayout.Metrics.TrialCancellations, trialCancellations),
            (ChannelCounterLayout.Metrics.PaidCancellations, paidCancellations),
            (ChannelCounterLayout.Metrics.ActiveTrialChange, trials - conversions - trialCancellations),
            (ChannelCounterLayout.Metrics.ActivePaidChange, conversions + paidStarts - paidCancellations),
        ];
        return values.Where(v => v.Value != 0).Select(v => new HashEntry(ChannelCounterLayout.DayField(day, v.Metric), v.Value));
    }
}
