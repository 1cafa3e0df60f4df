using FsCheck;
using FsCheck.Fluent;
using static Streaming.TestSupport.Hostile.EventRules;

namespace Streaming.TestSupport.Hostile;

/// <summary>
/// Generated events of both kinds: about half valid, the rest with one to three fields broken (or all of them), each
/// with the errors and the accepted event ingest must come up with (<see cref="EventRules"/>).
/// </summary>
public static class EventCases
{
    private static readonly string[] PlaybackFields =
        ["eventId", "type", "occurredAt", "customerId", "deviceId", "titleId", "seasonId", "marketplace", "offer", "channelId", "positionSeconds"];

    private static readonly string[] SubscriptionFields = ["eventId", "type", "occurredAt", "customerId", "channelId", "marketplace"];

    public static Gen<GeneratedElement> Playback() =>
        from broken in Broken(PlaybackFields)
        from eventId in Pick(broken, "eventId", IdValues.Valid(EventIdLength, unique: true), IdValues.Hostile(EventIdLength))
        from type in Pick(broken, "type", ChoiceValues.Valid(ChoiceValues.PlaybackTypes), ChoiceValues.Hostile(ChoiceValues.PlaybackTypes))
        from occurredAt in Pick(broken, "occurredAt", TimeValues.ValidOrAbsurd, TimeValues.Hostile)
        from customerId in Pick(broken, "customerId", IdValues.Valid(IdLength), IdValues.Hostile(IdLength))
        from deviceId in Pick(broken, "deviceId", IdValues.Valid(IdLength), IdValues.Hostile(IdLength))
        from titleId in Pick(broken, "titleId", IdValues.Valid(IdLength), IdValues.Hostile(IdLength))
        from seasonId in Pick(broken, "seasonId", Gen.OneOf(Gen.Elements(FieldValue.Missing, FieldValue.Null), IdValues.Valid(IdLength)), IdValues.Hostile(IdLength))
        from marketplace in Pick(broken, "marketplace", ChoiceValues.Valid(ChoiceValues.Territories), ChoiceValues.Hostile(ChoiceValues.Territories))
        from offer in Pick(broken, "offer", ChoiceValues.Valid(ChoiceValues.Offers), ChoiceValues.Hostile(ChoiceValues.Offers))
        from channelId in PlaybackChannelValue(offer, broken.Contains("channelId"))
        from position in Pick(broken, "positionSeconds", NumberValues.Valid, NumberValues.Hostile)
        let fields = new[]
        {
            ("eventId", eventId), ("type", type), ("occurredAt", occurredAt), ("customerId", customerId), ("deviceId", deviceId),
            ("titleId", titleId), ("seasonId", seasonId), ("marketplace", marketplace), ("offer", offer), ("channelId", channelId),
            ("positionSeconds", position),
        }
        let errors = new[]
        {
            Id("eventId", eventId, EventIdLength), Choice("type", type, ChoiceValues.PlaybackTypes), OccurredAt(occurredAt),
            Id("customerId", customerId), Id("deviceId", deviceId), Id("titleId", titleId), Id("seasonId", seasonId, required: false),
            Territory(marketplace), Choice("offer", offer, ChoiceValues.Offers), PlaybackChannel(offer, channelId), Position(position),
        }
        from element in ElementWriter.Object(fields, errors)
        select element;

    public static Gen<GeneratedElement> Subscription() =>
        from broken in Broken(SubscriptionFields)
        from eventId in Pick(broken, "eventId", IdValues.Valid(EventIdLength, unique: true), IdValues.Hostile(EventIdLength))
        from type in Pick(broken, "type", ChoiceValues.Valid(ChoiceValues.SubscriptionTypes), ChoiceValues.Hostile(ChoiceValues.SubscriptionTypes))
        from occurredAt in Pick(broken, "occurredAt", TimeValues.ValidOrAbsurd, TimeValues.Hostile)
        from customerId in Pick(broken, "customerId", IdValues.Valid(IdLength), IdValues.Hostile(IdLength))
        from channelId in Pick(broken, "channelId", IdValues.Valid(IdLength), IdValues.Hostile(IdLength))
        from marketplace in Pick(broken, "marketplace", ChoiceValues.Valid(ChoiceValues.Territories), ChoiceValues.Hostile(ChoiceValues.Territories))
        let fields = new[]
        {
            ("eventId", eventId), ("type", type), ("occurredAt", occurredAt), ("customerId", customerId), ("channelId", channelId),
            ("marketplace", marketplace),
        }
        let errors = new[]
        {
            Id("eventId", eventId, EventIdLength), Choice("type", type, ChoiceValues.SubscriptionTypes), OccurredAt(occurredAt),
            Id("customerId", customerId), Id("channelId", channelId), Territory(marketplace),
        }
        from element in ElementWriter.Object(fields, errors)
        select element;

    /// <summary>The empty object <c>{}</c> on a route, with the errors of every required field.</summary>
    public static GeneratedElement Empty(string route)
    {
        var none = FieldValue.Missing;
        string?[] errors = route == IngestCases.Playback
            ?
            [
                Id("eventId", none, EventIdLength), Choice("type", none, ChoiceValues.PlaybackTypes), OccurredAt(none), Id("customerId", none),
                Id("deviceId", none), Id("titleId", none), Territory(none), Choice("offer", none, ChoiceValues.Offers),
            ]
            :
            [
                Id("eventId", none, EventIdLength), Choice("type", none, ChoiceValues.SubscriptionTypes), OccurredAt(none),
                Id("customerId", none), Id("channelId", none), Territory(none),
            ];
        return new GeneratedElement("{}", [.. errors.OfType<string>()], null);
    }

    /// <summary>Half the events keep every field valid, most others break one to three, a few break them all.</summary>
    private static Gen<IReadOnlySet<string>> Broken(string[] fields) => Gen.Frequency(
        (5, Gen.Constant<IReadOnlySet<string>>(new HashSet<string>())),
        (4, from n in Gen.Choose(1, 3) from shuffled in Gen.Shuffle(fields) select (IReadOnlySet<string>)shuffled.Take(n).ToHashSet()),
        (1, Gen.Constant<IReadOnlySet<string>>(fields.ToHashSet())));

    private static Gen<FieldValue> Pick(IReadOnlySet<string> broken, string field, Gen<FieldValue> valid, Gen<FieldValue> hostile) =>
        broken.Contains(field) ? hostile : valid;

    /// <summary>Present with offer channel, absent with another offer; when broken, anything but absent may be wrong.</summary>
    private static Gen<FieldValue> PlaybackChannelValue(FieldValue offer, bool broken)
    {
        var absent = Gen.Elements(FieldValue.Missing, FieldValue.Null);
        return (offer.Verdict, offer.Read as string, broken) switch
        {
            (Verdict.Valid, "channel", false) => IdValues.Valid(IdLength),
            (Verdict.Valid, _, false) => absent,
            (Verdict.Valid, "channel", true) => IdValues.Hostile(IdLength),
            (Verdict.Valid, _, true) => Gen.OneOf(IdValues.Valid(IdLength), IdValues.Hostile(IdLength)),
            (_, _, false) => Gen.OneOf(absent, IdValues.Valid(IdLength)),
            _ => IdValues.Hostile(IdLength),
        };
    }
}
