using Streaming.Tenancy;

namespace Streaming.Ingest.Tests;

/// <summary>Playback events as a client sends them, to change field by field in a test.</summary>
public static class Events
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The catalog the validator tests validate against: the titles and channels their events name (t-1, ch-1, and
    /// the longest ids), all under distributor d-1.
    /// </summary>
    public static TenancySnapshot Catalog(params string[] extraIds)
    {
        string[] ids = ["t-1", "ch-1", new string('x', 128), .. extraIds];
        var entries = ids.Select(id => KeyValuePair.Create(id, new StoredEntry("d-1", null))).ToList();
        return new TenancySnapshot(1, [KeyValuePair.Create("d-1", new StoredDistributor("D1", Now))], entries, entries, []);
    }

    /// <summary>The required fields only, all valid.</summary>
    public static JsonObject Minimal(string eventId = "e-1", string customerId = "c-1", string deviceId = "d-1", string titleId = "t-1") =>
        WireEvents.Playback(eventId, "play", "2025-03-01T11:59:00Z", customerId, deviceId, titleId);

    /// <summary>The playback event <see cref="Minimal"/> stands for.</summary>
    public static PlaybackEvent MinimalAccepted(string eventId = "e-1", string customerId = "c-1", string deviceId = "d-1", string titleId = "t-1") =>
        WireEvents.PlaybackRecord(eventId, "play", new DateTimeOffset(2025, 3, 1, 11, 59, 0, TimeSpan.Zero), customerId, deviceId, titleId);

    public static JsonObject With(this JsonObject e, string field, JsonNode? value)
    {
        e[field] = value;
        return e;
    }

    public static JsonObject Without(this JsonObject e, string field)
    {
        e.Remove(field);
        return e;
    }

    /// <summary>A JSON value written as JSON text, e.g. <c>5</c>, <c>"x"</c>, <c>[]</c>.</summary>
    public static JsonNode? Json(string text) => JsonNode.Parse(text);

    public static string Array(params JsonNode[] events) => new JsonArray([.. events]).ToJsonString();

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
