using System.ComponentModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Streaming.EngagementRules;
using Streaming.Gateway.Engagement;
using Streaming.Gateway.Scoping;
using Streaming.Tenancy;

namespace Streaming.Gateway.Endpoints;

public static class EngagementEndpoints
{
    private const string MonthDescription = "UTC month, yyyy-MM. Default: the current month (to date).";
    private const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapEngagementEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Engagement").RequireCaller(CallerPolicies.Reader);

        v1.MapGet("/metrics/engagement", GetEngagementAsync)
            .WithName("GetEngagement")
            .WithSummary("Customer Engagement Ranking (CER) of every title and season in one month and territory")
            .WithDescription(
                "Ranked from the live counters (offer prime), anew once they have changed: distinct customers, then minutes streamed. " +
                "CER = floor(100 × B / (N − 1)), B = other units with a strictly lower score; null outside the CER " +
                "territories. Sorted by CER descending, then score descending, then unitId. final: the month no longer changes; " +
                "lateFactsIgnored: facts of the month that arrived once it was final, not counted. A distributor's access " +
                "key gets its own titles and seasons only, ranked among all units of the territory.")
            .Produces<EngagementResponse>(StatusCodes.Status200OK, "application/json"); // written ahead as JSON bytes (RankedUnitsCache)

        v1.MapGet("/reports/earnings", GetEarningsAsync)
            .WithName("GetEarningsReport")
            .WithSummary("Earnings report of one month as CSV: one row per title or season, territory and offer")
            .WithDescription(
                "RFC 4180 CSV in UTF-8 with a byte order mark. CER and estimated royalty on prime rows only; CER empty " +
                "outside the CER territories, royalty empty where the rate card has no rate. A distributor's access key " +
                "gets the rows of its own titles and seasons, their CER ranked among all units of the territory.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv"); // a file result declares no media type of its own

        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> GetEngagementAsync(
        [FromQuery(Name = "month"), Description(MonthDescription)] string? monthText,
        [FromQuery(Name = "territory"), Description("Territory (marketplace), two upper-case letters, e.g. US. Required.")] string? territoryText,
        EngagementParameters parameters,
        EngagementReader reader,
        RankedUnitsCache ranked,
        IOptions<EngagementTerms> terms,
        GatewayTelemetry telemetry,
        ReadScope scope)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = telemetry.ActivitySource.StartActivity("engagement query");
        var errors = new Dictionary<string, string[]>();
        var month = parameters.Month(monthText, errors);
        var territory = EngagementParameters.Territory(territoryText, errors);
        if (month is not { } m || territory is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        activity?.SetTag("gateway.month", m.ToString());
        activity?.SetTag("gateway.territory", territory);

        var (status, version) = await reader.ReadStatusAsync(m, territory);
        var ranking = version is null ? null : ranked.Get(m, territory, version);
        var cached = ranking is not null;
        if (ranking is null)
        {
            var (rankedAt, prime) = await reader.ReadPrimeAsync(m, territory);
            ranking = new Ranking(rankedAt, EngagementReport.Rank(territory, prime, terms.Value));
            if (rankedAt is not null) ranked.Keep(m, territory, ranking);
        }
        activity?.SetTag("gateway.cached", cached);
        telemetry.EngagementRanked.Add(1, new KeyValuePair<string, object?>("gateway.cached", cached));
        ReadOnlyMemory<byte> json;
        if (scope.IsEverything)
        {
            json = ranking.Json(m, territory, status);
            activity?.SetTag("gateway.units", ranking.Units.Count);
        }
        else
        {
            // Ranked among every unit of the territory, then shown for the caller's own units only.
            var own = await OwnAsync(scope, reader, ranking.Units, u => (u.Kind, u.UnitId));
            json = EngagementReport.Json(EngagementReport.Answer(m, territory, status, own));
            activity?.SetTag("gateway.units", own.Count);
        }
        telemetry.QueryAnswered(started, new KeyValuePair<string, object?>("gateway.query", "engagement"));
        return TypedResults.Bytes(json, JsonContentType);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> GetEarningsAsync(
        [FromQuery(Name = "month"), Description(MonthDescription)] string? month,
        EngagementParameters parameters,
        EngagementReader reader,
        IOptions<EngagementTerms> terms,
        GatewayTelemetry telemetry,
        ReadScope scope)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = telemetry.ActivitySource.StartActivity("earnings report");
        var errors = new Dictionary<string, string[]>();
        if (parameters.Month(month, errors) is not { } m)
        {
            return TypedResults.ValidationProblem(errors);
        }
        activity?.SetTag("gateway.month", m.ToString());

        var rows = await OwnAsync(scope, reader, EarningsReport.Build(m, await reader.ReadMonthAsync(m), terms.Value), r => (r.UnitKind, r.UnitId));
        activity?.SetTag("gateway.rows", rows.Count);
        telemetry.QueryAnswered(started, new KeyValuePair<string, object?>("gateway.query", "earnings"));
        return TypedResults.File(EarningsCsv.Write(rows), EarningsCsv.ContentType, EarningsCsv.FileName(m.ToString()));
    }

    /// <summary>
    /// The rows of units the caller may see (<see cref="ReadScope.SeesUnit"/>), in their order; the rows as they are
    /// for the operator. A distributor's seasons are looked up with one read of the season titles.
    /// </summary>
    private static async Task<IReadOnlyList<T>> OwnAsync<T>(
        ReadScope scope, EngagementReader reader, IReadOnlyList<T> rows, Func<T, (string Kind, string Id)> unitOf)
    {
        if (scope.IsEverything)
        {
            return rows;
        }
        var seasonIds = rows.Select(unitOf).Where(u => u.Kind == EngagementLayout.SeasonKind).Select(u => u.Id).ToList();
        var seasons = await reader.ReadSeasonTitlesAsync(seasonIds);
        return rows.Where(row => unitOf(row) is var (kind, id) && scope.SeesUnit(kind, id, seasons)).ToList();
    }
}
