using System.Globalization;

namespace Streaming.EngagementRanking.Tests;

/// <summary>Derived facts as sessionization publishes them, with readable defaults (prime, US, October 2026).</summary>
internal static class Facts
{
    /// <summary>A fact of the UTC hour <paramref name="hour"/>, written <c>yyyy-MM-ddTHH</c>.</summary>
    public static StreamActivity Fact(
        string customer, string title, string hour, int streams, long watchedMs,
        string? season = null, string marketplace = "US", string offer = "prime") => new()
    {
        CustomerId = customer,
        TitleId = title,
        SeasonId = season,
        Marketplace = marketplace,
        Offer = offer,
        HourStart = Hour(hour),
        StreamsDelta = streams,
        WatchedMillisecondsDelta = watchedMs,
    };

    public static DateTimeOffset Hour(string hour) =>
        DateTimeOffset.ParseExact(hour + ":00:00Z", "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    public static StreamActivityRecorded Batch(params StreamActivity[] items) => new() { BatchId = Guid.NewGuid(), Items = items };
}
