using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Streaming.Gateway.Csv;
using Streaming.Gateway.Queries;
using Streaming.Gateway.Redis;
using Streaming.Gateway.Scoping;
using Streaming.Tenancy;

namespace Streaming.Gateway.Endpoints;

public static class PerformanceEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapPerformanceEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Performance").RequireCaller(CallerPolicies.Reader);

        v1.MapGet("/metrics/performance", GetPerformanceAsync)
            .WithName("GetPerformance")
            .WithSummary("Minutes streamed and streams opened, as a dense time series")
            .WithDescription(
                "Buckets of local hours, days or months in tz (daylight-saving changes included), or one total, " +
                "optionally filtered by title, offer and marketplace and split by one of them. Counters have a " +
                "resolution of 15 minutes: a quarter hour counts when it starts in [from, to). format=csv downloads the rows. " +
                "A distributor's access key reads its own titles: every title and the totals are all of its titles, and " +
                "another title id answers 404 like one that does not exist.")
            .Produces<PerformanceResponse>(StatusCodes.Status200OK, "application/json") // written as JSON bytes (PerformanceAnswerCache)
            .AlsoAnswersCsv()
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/titles", ListTitlesAsync)
            .WithName("ListTitles")
            .WithSummary("Every title seen, with its all-time minutes streamed and streams opened")
            .WithDescription("A distributor's access key lists its own titles.")
            .Produces<TitlesResponse>(StatusCodes.Status200OK, "application/json"); // written as JSON bytes (PerformanceAnswerCache)

        return app;
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetPerformanceAsync(
        [AsParameters] PerformanceQueryString query,
        ReadScope scope,
        PerformancePlanner planner,
        PerformanceCounterReader reader,
        PerformanceAnswerCache answers,
        KeptCounterHashes hashes,
        GatewayTelemetry telemetry,
        IOptions<GatewayOptions> options,
        IOptions<JsonOptions> json,
        TimeProvider clock,
        HttpResponse response)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = telemetry.ActivitySource.StartActivity("performance query");
        if (!planner.TryPlan(query.ToRequest(), out var plan, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (scope.FirstUnseen(plan.TitleIds, scope.SeesTitle) is { } unseen)
        {
            return ReadScope.NotFound("titleId", "title", unseen);
        }
        var granularity = plan.Granularity.ToString().ToLowerInvariant();
        activity?.SetTag("gateway.granularity", granularity);
        activity?.SetTag("gateway.tz", plan.Zone.Id);
        activity?.SetTag("gateway.group_by", plan.GroupBy?.ToString().ToLowerInvariant());
        activity?.SetTag("gateway.buckets", plan.BucketStarts.Count);

        // A distributor reads its titles' own counters (none for one without titles), the operator every title.
        IReadOnlyList<string>? titleIds = plan.TitleIds.Count > 0 ? plan.TitleIds.Order(StringComparer.Ordinal).ToList() : scope.Titles;
        var upgraded = await reader.ReadUpgradedAsync();
        // The versions are read before the counters: an answer or a hash kept under them is never older than they say.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var key = PerformanceAnswerCache.KeyOf(plan, titleIds, upgraded, today);
        var versions = key is not null || hashes.Applies(plan, today) ? await reader.ReadDayVersionsAsync(plan.UtcDays) : null;
        var kept = key is null || versions is null ? null : answers.Get(key, versions.Digest);
        activity?.SetTag("gateway.cached", kept is not null);
        if (kept is not null)
        {
            telemetry.QueryAnswered(started, new("gateway.granularity", granularity), new("gateway.format", "json"), new("gateway.cached", true));
            return TypedResults.Bytes(kept, JsonContentType);
        }
        var allTitles = PerformanceReads.NeedsAllTitles(plan, upgraded, titleIds) ? await reader.ReadTitleIdsAsync() : null;
        var reads = PerformanceReads.For(plan, upgraded, titleIds, allTitles);
        activity?.SetTag("gateway.redis.keys", reads.KeyCount);
        // A day whose sums for this query are kept at the versions it still has stands for all its quarter-detail hashes:
        // a query over a month after one commit sums only the day the commit changed.
        var quarterDays = key is null || versions is null || !hashes.Enabled ? null : reads.QuarterDays();
        var keptDays = quarterDays is null ? null : hashes.GetDays(key!, quarterDays, versions!);
        var toRead = keptDays is { Count: > 0 } ? reads.Without(keptDays.Keys.ToHashSet()) : reads;
        telemetry.DaysKept.Add(keptDays?.Count ?? 0);
        var read = reads.KeyCount > options.Value.MaxKeysPerQuery ? null : await reader.ReadAsync(toRead, options.Value.MaxKeysPerQuery, versions, today);
        if (read is not { } counters)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["to"] = [$"the query would read more than {options.Value.MaxKeysPerQuery} Redis hashes: shorten the range or filter by titleId."],
            });
        }

        var summed = PerformanceAggregator.SumDays(plan, counters.Quarters);
        if (quarterDays is not null) hashes.KeepDays(key!, quarterDays.Where(d => !keptDays!.ContainsKey(d)), summed, versions!);
        var answer = PerformanceAggregator.Aggregate(plan, keptDays is null ? summed.Values : [.. summed.Values, .. keptDays.Values], counters.Rollups,
            titleIds is null ? null : titleIds.ToHashSet(StringComparer.Ordinal));
        telemetry.QueryAnswered(started, new("gateway.granularity", granularity), new("gateway.format", plan.Csv ? "csv" : "json"), new("gateway.cached", false));
        if (plan.Csv)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{PerformanceCsv.FileName}\"";
            return TypedResults.Text(PerformanceCsv.Write(answer), CsvExport.ContentType);
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(answer, json.Value.SerializerOptions);
        if (key is not null && versions is not null) answers.Keep(key, versions.Digest, body);
        return TypedResults.Bytes(body, JsonContentType);
    }

    /// <summary>
    /// The caller's titles with their all-time totals, kept (<see cref="PerformanceAnswerCache"/>) under the version of
    /// the title totals in every partition, read before them: while no commit changes any partition's totals, a list
    /// is answered again without reading them.
    /// </summary>
    private static async Task<FileContentHttpResult> ListTitlesAsync(
        PerformanceCounterReader reader, PerformanceAnswerCache answers, ReadScope scope, IOptions<JsonOptions> json, GatewayTelemetry telemetry)
    {
        using var activity = telemetry.ActivitySource.StartActivity("titles list");
        var versions = await reader.ReadTitlesVersionAsync();
        var key = PerformanceAnswerCache.TitlesKeyOf(scope.Titles);
        var kept = versions is null ? null : answers.Get(key, versions);
        activity?.SetTag("gateway.cached", kept is not null);
        if (kept is not null)
        {
            return TypedResults.Bytes(kept, JsonContentType);
        }
        var answer = TitleTotals.Sum(await reader.ReadTitleTotalsAsync(scope.Titles), scope.SeesTitle);
        var body = JsonSerializer.SerializeToUtf8Bytes(answer, json.Value.SerializerOptions);
        if (versions is not null) answers.Keep(key, versions, body);
        return TypedResults.Bytes(body, JsonContentType);
    }
}
