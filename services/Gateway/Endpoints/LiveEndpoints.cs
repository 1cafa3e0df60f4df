using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Streaming.Gateway.Live;
using Streaming.Tenancy;

namespace Streaming.Gateway.Endpoints;

public static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Live").RequireCaller(CallerPolicies.Reader);

        v1.MapGet("/live", GetLive)
            .WithName("GetLive")
            .WithSummary("Live counters as Server-Sent Events: one 'live' message at once, then one per second")
            .WithDescription(
                "Each message's data is one JSON object: at (the instant, whole seconds, UTC), titleIds, channelId, " +
                "eventsPerSecond (playback events newly applied in the last complete second), playingNow (streams whose " +
                "latest event is play, resume or heartbeat less than the maximum gap ago), and today (UTC date so far): " +
                "minutesStreamed, uniqueStreams, trialStarts, paidConversions. titleId filters the playback numbers " +
                "(repeatable), channelId the subscription ones. Definitions: docs/metrics.md, Live.");

        return app;
    }

    private static Results<ServerSentEventsResult<LiveUpdate>, ValidationProblem> GetLive(
        [FromQuery(Name = "titleId"), Description("Only these titles; may repeat. Default: every title.")] string[]? titleId,
        [FromQuery(Name = "channelId"), Description("Only this channel's trial starts and paid conversions. Default: every channel.")] string? channelId,
        LiveFeed feed,
        HttpContext context)
    {
        if (!LiveQuery.TryParse(titleId, channelId, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.ServerSentEvents(feed.StreamAsync(query, context.RequestAborted));
    }
}
