using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Gateway.Channels;
using Streaming.Gateway.Csv;
using Streaming.Gateway.Redis;
using Streaming.Gateway.Scoping;
using Streaming.Tenancy;

namespace Streaming.Gateway.Endpoints;

public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/v1/metrics/channels").WithTags("Channels").RequireCaller(CallerPolicies.Reader);

        channels.MapGet("/{channelId}", GetChannelAsync)
            .WithName("GetChannelMetrics")
            .WithSummary("Trial starts, paid conversions, cancellations and active subscribers of one channel")
            .WithDescription(
                "Counts per subscriber-local day (the date of each event in its own offset), summed into days, months " +
                "or one total over [from, to]; activeTrial and activePaid at the end of each bucket's last day and now; " +
                "the conversion rate paidConversions ÷ (paidConversions + trialCancellations), 4 decimals, null when " +
                "nothing was decided; and the same totals for the period of the same length just before. " +
                "format=csv downloads the series. A distributor's access key reads its own channels; another channel " +
                "answers 404 like one that does not exist.")
            .AlsoAnswersCsv()
            .ProducesProblem(StatusCodes.Status404NotFound);

        channels.MapGet("", ListChannelsAsync)
            .WithName("ListChannels")
            .WithSummary("Every channel seen, with the customers now in trial and paying")
            .WithDescription("A distributor's access key lists its own channels.");

        return app;
    }

    private static async Task<Results<Ok<ChannelResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetChannelAsync(
        [AsParameters] ChannelQueryString query,
        ReadScope scope,
        ChannelPlanner planner,
        ChannelCounterReader reader,
        GatewayTelemetry telemetry,
        HttpResponse response)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = telemetry.ActivitySource.StartActivity("channel query");
        if (!planner.TryPlan(query.ToRequest(), out var plan, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!scope.SeesChannel(plan.ChannelId))
        {
            return ReadScope.NotFound("channelId", "channel", plan.ChannelId);
        }
        var granularity = plan.Granularity.ToString().ToLowerInvariant();
        activity?.SetTag("gateway.granularity", granularity);
        activity?.SetTag("gateway.buckets", plan.BucketStarts.Count);

        var answer = ChannelAggregator.Aggregate(plan, ChannelHistory.Sum(await reader.ReadChannelAsync(plan.ChannelId)));
        telemetry.QueryAnswered(started, new("gateway.query", "channel"), new("gateway.granularity", granularity), new("gateway.format", plan.Csv ? "csv" : "json"));
        if (plan.Csv)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{ChannelCsv.FileName}\"";
            return TypedResults.Text(ChannelCsv.Write(answer), CsvExport.ContentType);
        }
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<ChannelsResponse>> ListChannelsAsync(ChannelCounterReader reader, ReadScope scope) =>
        TypedResults.Ok(ChannelList.Sum(await reader.ReadChannelsAsync(), scope.SeesChannel));
}
