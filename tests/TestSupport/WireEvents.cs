using System.Globalization;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Subscriptions;

namespace Streaming.TestSupport;

/// <summary>
/// Events as they cross the wire into ingest: the JSON body of one event as a player or a billing system posts it,
/// and the contract record ingest makes of it. A time given as text is sent as written (offset and all, or a bad one
/// on purpose); an instant is written in ISO 8601 with its offset.
/// </summary>
public static class WireEvents
{
    public static JsonObject Playback(
        string id, string type, string occurredAt, string customer, string device, string title,
        string offer = "prime", string marketplace = "US", string? season = null)
    {
        var body = new JsonObject
        {
            ["eventId"] = id,
            ["type"] = type,
            ["occurredAt"] = occurredAt,
            ["customerId"] = customer,
            ["deviceId"] = device,
            ["titleId"] = title,
            ["marketplace"] = marketplace,
            ["offer"] = offer,
        };
        if (season is not null) body["seasonId"] = season;
        return body;
    }

    public static JsonObject Playback(
        string id, string type, DateTimeOffset occurredAt, string customer, string device, string title,
        string offer = "prime", string marketplace = "US", string? season = null) =>
        Playback(id, type, Instant(occurredAt), customer, device, title, offer, marketplace, season);

    public static PlaybackEvent PlaybackRecord(
        string id, string type, DateTimeOffset occurredAt, string customer, string device, string title,
        string offer = "prime", string marketplace = "US", string? season = null) => new()
    {
        EventId = id,
        Type = type,
        OccurredAt = occurredAt,
        CustomerId = customer,
        DeviceId = device,
        TitleId = title,
        SeasonId = season,
        Marketplace = marketplace,
        Offer = offer,
    };

    /// <summary>The record a playback body stands for, as a test that puts messages on the bus itself needs it.</summary>
    public static PlaybackEvent PlaybackRecord(JsonObject body) => PlaybackRecord(
        Text(body, "eventId"), Text(body, "type"), DateTimeOffset.Parse(Text(body, "occurredAt"), CultureInfo.InvariantCulture),
        Text(body, "customerId"), Text(body, "deviceId"), Text(body, "titleId"), Text(body, "offer"), Text(body, "marketplace"),
        (string?)body["seasonId"]);

    public static JsonObject Subscription(string id, string type, string occurredAt, string customer, string channel, string marketplace = "US") => new()
    {
        ["eventId"] = id,
        ["type"] = type,
        ["occurredAt"] = occurredAt,
        ["customerId"] = customer,
        ["channelId"] = channel,
        ["marketplace"] = marketplace,
    };

    public static SubscriptionEvent SubscriptionRecord(
        string id, string type, DateTimeOffset occurredAt, string customer, string channel, string marketplace = "US") => new()
    {
        EventId = id,
        Type = type,
        OccurredAt = occurredAt,
        CustomerId = customer,
        ChannelId = channel,
        Marketplace = marketplace,
    };

    /// <summary>ISO 8601 with the offset ('Z' for UTC) and a fraction of a second only when there is one.</summary>
    public static string Instant(DateTimeOffset at) => at.Offset == TimeSpan.Zero
        ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static string Text(JsonObject body, string field) =>
        (string?)body[field] ?? throw new ArgumentException($"the body has no {field}", nameof(body));
}
