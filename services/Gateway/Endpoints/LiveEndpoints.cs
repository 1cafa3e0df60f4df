using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Streaming.Gateway.Live;
using Streaming.Gateway.Scoping;
using Streaming.ServiceDefaults;
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
                "(repeatable), channelId the subscription ones. Streams with the same filters share one reader. A key (or, " +
                "without one, a client address) holds at most Gateway:LiveStreamsPerKey streams open; one more gets 429. " +
                "A distributor's access key reads its own titles and channels: without filters all of them, and another " +
                "title or channel id answers 404 like one that does not exist. Definitions: docs/metrics.md, Live.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        return app;
    }

    private static Results<ServerSentEventsResult<LiveUpdate>, ValidationProblem, ProblemHttpResult> GetLive(
        [FromQuery(Name = "titleId"), Description("Only these titles; may repeat. Default: every title.")] string[]? titleId,
        [FromQuery(Name = "channelId"), Description("Only this channel's trial starts and paid conversions. Default: every channel.")] string? channelId,
        LiveFeed feed,
        LiveStreamCap cap,
        ReadScope scope,
        HttpContext context)
    {
        if (!LiveQuery.TryParse(titleId, channelId, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (scope.FirstUnseen(query.TitleIds, scope.SeesTitle) is { } unseenTitle)
        {
            return ReadScope.NotFound("titleId", "title", unseenTitle);
        }
        if (query.ChannelId is { } channel && !scope.SeesChannel(channel))
        {
            return ReadScope.NotFound("channelId", "channel", channel);
        }
        query = query with { DistributorId = scope.DistributorId };
        if (cap.TryOpen(ClientCredential.PartitionOf(context, acceptsQueryKey: false)) is not { } slot)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many open live streams",
                detail: $"This key (or, without one, this address) has {cap.Max} live streams open, the most Gateway:LiveStreamsPerKey allows. Close one first.");
        }
        // Given back when the request ends, however it ends (a stream never started included).
        context.Response.RegisterForDispose(slot);
        return TypedResults.ServerSentEvents(feed.StreamAsync(query, context.RequestAborted));
    }
}
