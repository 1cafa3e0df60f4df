using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using StackExchange.Redis;
using Streaming.Bench.LoadGen.Benchmark.Ranking;
using Streaming.Bench.LoadGen.Wire;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// Phase (d), issue 13's query table measured on the client: seeds <see cref="QuerySeed"/> through ingest and waits
/// for sessionization to process it, checks every query's answer against the seed, times each query sequentially on
/// one kept-alive connection, times the engagement query over --query-units seeded units, then compares ingest
/// throughput without and with --listeners open <c>/v1/live</c> streams.
/// </summary>
public static class QueryBench
{
    private const int Untimed = 5;
    /// <summary>How long a first answer may take to show the seed in full (commits trailing the processed count).</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    public static async Task<(IReadOnlyList<QueryTimes> Rows, LiveComparison? Live)> RunAsync(
        BenchOptions options, IDatabase db, IngestClient client, ProcessedCounter processed, CancellationToken cancellationToken)
    {
        var q = options.Queries;
        await client.EnsureReachableAsync(cancellationToken);
        var seed = new QuerySeed(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), q.Titles,
            await FreeSeptemberAsync(db, options.KeyPrefix, options.Partitions));
        Console.WriteLine($"\n== (d) queries: seeding {seed.Titles:N0} titles × {seed.Hours} hours of September {seed.Year}, one stream each = " +
            $"{seed.Events:N0} events (tag {seed.Tag})");
        var distributorKey = await BenchCatalog.RegisterOwnAsync(options, $"bench-q{seed.Tag}", seed.TitleIds, cancellationToken);
        await SeedAsync(options, seed, client, processed, cancellationToken);

        using var operatorHttp = OneConnection(options.Gateway, options.OperatorKey);
        using var distributorHttp = OneConnection(options.Gateway, distributorKey);
        var period = seed.Period;
        var some = Math.Min(100, seed.Titles);
        var someIds = string.Concat(seed.TitleIds.Take(some).Select(t => "&titleId=" + Uri.EscapeDataString(t)));
        // Each performance query three times: with every day of September given a new version in every partition before
        // each query (as if every day had changed: nothing kept applies), with September 1 given one in partition 0 (as one
        // batch's commit gives it: the kept answer does not apply, the hashes of the other days and partitions do), and
        // with the counters unchanged (the kept answer).
        (string Name, string Caller, HttpClient Http, string Url, Func<byte[], string?> Check)[] performance =
        [
            ("all titles hour", "operator", operatorHttp, $"/v1/metrics/performance?{period}&granularity=hour",
                body => AnswerCheck.HourSeries(Performance(body), seed, seed.Titles)),
            ("one title hour", "operator", operatorHttp, $"/v1/metrics/performance?{period}&granularity=hour&titleId={seed.TitleId(0)}",
                body => AnswerCheck.HourSeries(Performance(body), seed, 1)),
            ($"{some} titleIds hour", "operator", operatorHttp, $"/v1/metrics/performance?{period}&granularity=hour{someIds}",
                body => AnswerCheck.HourSeries(Performance(body), seed, some)),
            ("groupBy=title total", "distributor", distributorHttp, $"/v1/metrics/performance?{period}&granularity=total&groupBy=title",
                body => AnswerCheck.TitleGroups(Performance(body), seed)),
        ];
        Task NewSeptemberVersionAsync() => db.HashSetAsync(PerformanceCounterLayout.DayVersions(options.KeyPrefix, 0),
            PerformanceCounterLayout.Day(seed.FirstDay), Guid.NewGuid().ToString("N"));
        Task NewSeptemberVersionsAsync() => Task.WhenAll(Enumerable.Range(0, options.Partitions).Select(p =>
            db.HashSetAsync(PerformanceCounterLayout.DayVersions(options.KeyPrefix, p), [.. Enumerable.Range(0, seed.LastDay.DayNumber - seed.FirstDay.DayNumber + 1)
                .Select(d => new HashEntry(PerformanceCounterLayout.Day(seed.FirstDay.AddDays(d)), Guid.NewGuid().ToString("N")))])));
        var rows = new List<QueryTimes>();
        foreach (var (name, caller, http, url, check) in performance)
        {
            rows.Add(await TimeAsync(name + " all new", caller, http, url, check, NewSeptemberVersionsAsync, q, cancellationToken));
            rows.Add(await TimeAsync(name + " one day new", caller, http, url, check, NewSeptemberVersionAsync, q, cancellationToken));
            rows.Add(await TimeAsync(name + " unchanged", caller, http, url, check, null, q, cancellationToken));
        }
        // The title list twice: with the title totals given a new version in every partition before each query (as a
        // commit gives them while events arrive: read anew), and unchanged (the kept list).
        Task NewTitlesVersionsAsync() => Task.WhenAll(Enumerable.Range(0, options.Partitions).Select(p =>
            db.HashSetAsync(PerformanceCounterLayout.DayVersions(options.KeyPrefix, p), PerformanceCounterLayout.TitlesVersionField, Guid.NewGuid().ToString("N"))));
        foreach (var (name, beforeEach) in new (string, Func<Task>?)[] { ("/v1/titles new", NewTitlesVersionsAsync), ("/v1/titles unchanged", null) })
        {
            rows.Add(await TimeAsync(name, "distributor", distributorHttp, "/v1/titles",
                body => AnswerCheck.Titles(JsonSerializer.Deserialize(body, AnswerJsonContext.Default.TitlesAnswer)!, seed), beforeEach, q, cancellationToken));
        }
        rows.AddRange(await TimeEngagementAsync(options, db, operatorHttp, cancellationToken));

        LiveComparison? live = null;
        if (q.Listeners > 0)
        {
            live = await CompareLiveAsync(options, client, processed, cancellationToken);
        }
        return (rows, live);
    }

    public static void Print(IReadOnlyList<QueryTimes> rows, LiveComparison? live)
    {
        Console.WriteLine("\n== queries summary (client side, sequential on one kept-alive connection)");
        foreach (var line in QueryReport.Lines(rows, live)) Console.WriteLine(line);
    }

    /// <summary>
    /// The latest September (from 2025 back) that holds no performance counters in the namespace, so a rerun against
    /// the same services never adds to an earlier run's month.
    /// </summary>
    private static async Task<int> FreeSeptemberAsync(IDatabase db, string prefix, int partitions)
    {
        for (var year = 2025; year > 1975; year--)
        {
            var first = new DateOnly(year, QuerySeed.Month, 1);
            var keys = Enumerable.Range(0, 30).SelectMany(d => Enumerable.Range(0, partitions)
                .Select(p => (RedisKey)PerformanceCounterLayout.AllDay(prefix, p, first.AddDays(d)))).ToArray();
            if (await db.KeyExistsAsync(keys) == 0) return year;
        }
        throw new BenchAbortedException("every September from 1976 to 2025 holds counters in this namespace: use a fresh --namespace");
    }

    /// <summary>
    /// Posts the seed hour by hour, an hour's bodies together, with at most <see cref="QuerySeed.Devices"/> hours sent
    /// and not yet processed. A batch of sessionization may hold several queued messages in any order, and an event
    /// more than the allowed lateness (60 min) behind one of its key taken earlier in the same batch is dropped as
    /// late; a stream key comes back every <see cref="QuerySeed.Devices"/> hours, so none ever has two hours in flight.
    /// </summary>
    private static async Task SeedAsync(BenchOptions options, QuerySeed seed, IngestClient client, ProcessedCounter processed, CancellationToken cancellationToken)
    {
        var start = await processed.TotalAsync();
        var clock = Stopwatch.StartNew();
        var acceptedThrough = new long[seed.Hours]; // events accepted up to and including each hour
        long accepted = 0;
        for (var hour = 0; hour < seed.Hours; hour++)
        {
            if (hour >= QuerySeed.Devices)
            {
                await WaitProcessedAsync(processed, start + acceptedThrough[hour - QuerySeed.Devices], options.StallTimeout, cancellationToken);
            }
            using var slabs = new SlabBuffer();
            var answers = await Task.WhenAll(seed.Hour(hour, options.Batch, slabs)
                .Select(b => client.PostUntilAnsweredAsync(b.Body, TimeSpan.FromSeconds(30), null, cancellationToken)));
            foreach (var answer in answers)
            {
                if (!answer.IsAccepted || answer.Rejected > 0)
                {
                    throw new BenchAbortedException($"ingest answered {(int)answer.Status} to a seed batch, {answer.Rejected} rejected: {answer.Detail}");
                }
                accepted += answer.Accepted;
            }
            acceptedThrough[hour] = accepted;
            if ((hour + 1) % 120 == 0)
            {
                Console.WriteLine($"  t={clock.Elapsed.TotalSeconds,6:N1}s  hours {hour + 1}/{seed.Hours}  accepted {accepted:N0}");
            }
        }
        await WaitProcessedAsync(processed, start + accepted, options.StallTimeout, cancellationToken);
        Console.WriteLine($"  {accepted:N0} events posted and processed in {clock.Elapsed.TotalSeconds:N1} s ({accepted / clock.Elapsed.TotalSeconds:N0}/s, at most {QuerySeed.Devices} hours in flight)");
    }

    private static async Task WaitProcessedAsync(ProcessedCounter processed, long target, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var (last, since) = (-1L, Stopwatch.StartNew());
        for (var now = await processed.TotalAsync(); now < target; now = await processed.TotalAsync())
        {
            if (now != last) (last, since) = (now, Stopwatch.StartNew());
            else if (since.Elapsed > stallTimeout)
            {
                throw new BenchAbortedException($"sessionization's processed count stopped at {now:N0}, short of {target:N0}, for {stallTimeout.TotalSeconds:N0} s");
            }
            await Task.Delay(2, cancellationToken);
        }
    }

    /// <summary>
    /// Checks the answer (retrying for a while: counters commit just after processed counts), then times the query. An
    /// error status or no answer within the client's timeout fails the row (the others still run); a wrong answer
    /// aborts the bench. <paramref name="beforeEach"/>, when given, runs before every query after the check, untimed.
    /// </summary>
    private static async Task<QueryTimes> TimeAsync(
        string name, string caller, HttpClient http, string url, Func<byte[], string?> check, Func<Task>? beforeEach, QueryBenchOptions q,
        CancellationToken cancellationToken)
    {
        Console.WriteLine($"\n== (d) {name} ({caller}): GET {(url.Length > 120 ? url[..117] + "..." : url)}" +
            (beforeEach is null ? "" : ", each read anew"));
        string? wrong;
        var latencies = new List<double>(q.Queries);
        try
        {
            var settle = Stopwatch.StartNew();
            while (true)
            {
                var (body, _) = await TimedQuery.GetAsync(http, url, cancellationToken);
                wrong = check(body);
                if (wrong is null) Console.WriteLine($"  answer right ({body.Length / 1024.0:N0} KiB of JSON)");
                if (wrong is null || settle.Elapsed > SettleTimeout) break;
                await Task.Delay(500, cancellationToken);
            }
            if (wrong is null)
            {
                for (var i = 1; i < Untimed; i++)
                {
                    if (beforeEach is not null) await beforeEach();
                    await TimedQuery.GetAsync(http, url, cancellationToken);
                }
                var budget = Stopwatch.StartNew();
                while (latencies.Count < q.Queries && (budget.Elapsed < q.RowBudget || latencies.Count < QueryBenchOptions.MinQueries))
                {
                    if (beforeEach is not null) await beforeEach();
                    latencies.Add((await TimedQuery.GetAsync(http, url, cancellationToken)).Milliseconds);
                }
            }
        }
        catch (Exception e) when (e is BenchAbortedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var failure = e is BenchAbortedException ? e.Message : $"no answer within {http.Timeout.TotalSeconds:N0} s";
            Console.WriteLine($"  FAILED: {failure}");
            return new QueryTimes(name, caller, []) { Failure = failure };
        }
        if (wrong is not null)
        {
            throw new BenchAbortedException($"the answer to {name} is wrong: {wrong}");
        }
        var times = new QueryTimes(name, caller, [.. latencies.Order()]);
        Console.WriteLine($"  {latencies.Count} queries: p50 {times.P50:N1} ms  p90 {times.P90:N1} ms  p99 {times.P99:N1} ms  max {times.Max:N1} ms" +
            (latencies.Count < q.Queries ? $" (stopped at the {q.RowBudget.TotalSeconds:N0} s budget)" : ""));
        return times;
    }

    /// <summary>
    /// The engagement query over seeded units, twice: each query after a new version of the counters (ranked every
    /// time, as while facts of the month arrive), then with the counters unchanged (the gateway reuses its ranking, as
    /// for a month that no longer changes).
    /// </summary>
    private static async Task<QueryTimes[]> TimeEngagementAsync(BenchOptions options, IDatabase db, HttpClient http, CancellationToken cancellationToken)
    {
        var units = options.Queries.EngagementUnits;
        var keys = await EngagementQueryTiming.SeedAsync(db, options.KeyPrefix, "US", EngagementQueryTiming.Units(units, seed: units));
        try
        {
            return
            [
                await TimeAsync($"engagement {units:N0} units", "counters changed before each query",
                    () => EngagementQueryTiming.NewVersionAsync(db, options.KeyPrefix, "US")),
                await TimeAsync($"engagement {units:N0} units unchanged", "counters unchanged", null),
            ];
        }
        finally
        {
            await db.KeyDeleteAsync(keys);
        }

        async Task<QueryTimes> TimeAsync(string name, string what, Func<Task>? beforeEach)
        {
            Console.WriteLine($"\n== (d) {name} (operator): GET /v1/metrics/engagement, month {EngagementQueryTiming.Month} seeded in Redis, {what}");
            var times = new QueryTimes(name, "operator",
                await EngagementQueryTiming.QueryAsync(http, "US", units, options.Queries.Queries, options.Namespace, beforeEach, cancellationToken));
            Console.WriteLine($"  {times.SortedMs.Length} queries: p50 {times.P50:N1} ms  p90 {times.P90:N1} ms  p99 {times.P99:N1} ms  max {times.Max:N1} ms");
            return times;
        }
    }

    /// <summary>Throughput runs alternating without and with the listeners open: without, with, without, ...</summary>
    private static async Task<LiveComparison> CompareLiveAsync(BenchOptions options, IngestClient client, ProcessedCounter processed, CancellationToken cancellationToken)
    {
        var q = options.Queries;
        var runOptions = options with { Events = q.ListenerEvents };
        List<ThroughputResult> without = [], with = [];
        for (var round = 0; round < q.ListenerRounds; round++)
        {
            var listening = round % 2 == 1;
            Console.WriteLine($"\n== (d) live fan-out, run {round + 1}/{q.ListenerRounds}: {q.ListenerEvents:N0} events, " +
                (listening ? $"{q.Listeners:N0} /v1/live listeners open" : "no listener"));
            await using var listeners = listening ? await LiveListeners.OpenAsync(options.Gateway, options.OperatorKey, q.Listeners, cancellationToken) : null;
            var before = listeners?.Messages ?? 0;
            var clock = Stopwatch.StartNew();
            var result = await ThroughputPhase.RunAsync(runOptions, client, processed, cancellationToken);
            Report.Print(result);
            if (listeners is not null)
            {
                Console.WriteLine($"  listeners: {listeners.Open:N0} of {listeners.Count:N0} still open, {listeners.Messages - before:N0} messages received " +
                    $"in the run's {clock.Elapsed.TotalSeconds:N1} s");
            }
            (listening ? with : without).Add(result);
        }
        return new LiveComparison(q.Listeners, without, with);
    }

    private static PerformanceAnswer Performance(byte[] body) => JsonSerializer.Deserialize(body, AnswerJsonContext.Default.PerformanceAnswer)!;

    private static HttpClient OneConnection(Uri gateway, string key) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), UseProxy = false })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        };
}
