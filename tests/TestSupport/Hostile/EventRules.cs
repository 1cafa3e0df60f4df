namespace Streaming.TestSupport.Hostile;

/// <summary>
/// The error ingest gives a field for a verdict, written out independently of the service's code (docs/metrics.md and
/// the README state these rules). Null: no error.
/// </summary>
public static class EventRules
{
    public const int EventIdLength = 64;
    public const int IdLength = 128;

    public static string? Id(string field, FieldValue value, int max = IdLength, bool required = true, string? condition = null) =>
        value.Verdict switch
        {
            Verdict.Valid => null,
            Verdict.Absent when !required => null,
            Verdict.Control => $"{field}: must not contain control characters (U+0000-U+001F, U+007F)",
            _ when required => $"{field}: required string of 1-{max} characters" + (condition is null ? "" : $" {condition}"),
            _ => $"{field}: optional string of 1-{max} characters",
        };

    public static string? Choice(string field, FieldValue value, IReadOnlyList<string> allowed) =>
        value.Verdict == Verdict.Valid ? null : $"{field}: required, one of {string.Join(", ", allowed)}";

    public static string? Territory(FieldValue value) =>
        value.Verdict == Verdict.Valid ? null : "marketplace: required ISO 3166-1 alpha-2 code, assigned and upper case (e.g. US)";

    public static string? OccurredAt(FieldValue value) => value.Verdict switch
    {
        Verdict.Valid => null,
        Verdict.Future => "occurredAt: more than 5 minutes in the future",
        _ => "occurredAt: required ISO-8601 date-time with offset (Z or ±hh:mm)",
    };

    public static string? Position(FieldValue value) =>
        value.Verdict is Verdict.Valid or Verdict.Absent ? null : "positionSeconds: optional finite number >= 0";

    /// <summary>A playback event's channelId: required with offer channel, absent with another offer, optional when the offer is not known.</summary>
    public static string? PlaybackChannel(FieldValue offer, FieldValue channel)
    {
        if (offer.Verdict != Verdict.Valid)
        {
            return Id("channelId", channel, required: false);
        }
        if ((string)offer.Read! == "channel")
        {
            return Id("channelId", channel, condition: "when offer is channel");
        }
        return channel.Verdict == Verdict.Absent ? null : "channelId: must be absent unless offer is channel";
    }
}
