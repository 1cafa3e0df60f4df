using Streaming.Ingest.Validation;

namespace Streaming.Ingest.Tests.Validation;

public sealed class PlaybackEventValidatorTests
{
    private const string EventIdRule = "eventId: required string of 1-64 characters";
    private const string TypeRule = "type: required, one of play, heartbeat, pause, resume, stop";
    private const string OccurredAtRule = "occurredAt: required ISO-8601 date-time with offset (Z or ±hh:mm)";
    private const string MarketplaceRule = "marketplace: required ISO 3166-1 alpha-2 code, assigned and upper case (e.g. US)";
    private const string OfferRule = "offer: required, one of prime, tvod, avod, channel";
    private const string PositionRule = "positionSeconds: optional finite number >= 0";
    private const string ChannelRequired = "channelId: required string of 1-128 characters when offer is channel";
    private const string ChannelAbsent = "channelId: must be absent unless offer is channel";

    private readonly PlaybackEventValidator _validator = new(new FakeTimeProvider(Now), TimeSpan.FromMinutes(5), () => Catalog());

    private EventValidation<PlaybackEvent> Validate(JsonNode e) => _validator.Validate(Element(e.ToJsonString()));

    private string[] ErrorsOf(JsonNode e) => [.. Validate(e).Errors.Select(error => error.ToString())];

    [Fact]
    public void Minimal_event_is_accepted_as_sent()
    {
        var result = Validate(Minimal());

        Assert.Empty(result.Errors);
        Assert.Equal(MinimalAccepted(), result.Accepted);
    }

    [Fact]
    public void Full_event_is_accepted_with_every_field()
    {
        var e = Minimal()
            .With("type", "heartbeat")
            .With("occurredAt", "2025-03-01T13:58:30.25+02:00")
            .With("seasonId", "s-2")
            .With("marketplace", "DE")
            .With("offer", "channel")
            .With("channelId", "ch-7")
            .With("positionSeconds", 12.5);

        var accepted = Validate(e).Accepted;

        Assert.Equal(MinimalAccepted() with
        {
            Type = "heartbeat",
            OccurredAt = new DateTimeOffset(2025, 3, 1, 13, 58, 30, 250, TimeSpan.FromHours(2)),
            SeasonId = "s-2",
            Marketplace = "DE",
            Offer = "channel",
            ChannelId = "ch-7",
            PositionSeconds = 12.5,
        }, accepted);
        Assert.Equal(TimeSpan.FromHours(2), accepted!.OccurredAt.Offset);
    }

    public static TheoryData<string, string> RequiredFields => new()
    {
        { "eventId", EventIdRule },
        { "type", TypeRule },
        { "occurredAt", OccurredAtRule },
        { "customerId", "customerId: required string of 1-128 characters" },
        { "deviceId", "deviceId: required string of 1-128 characters" },
        { "titleId", "titleId: required string of 1-128 characters" },
        { "marketplace", MarketplaceRule },
        { "offer", OfferRule },
    };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Missing_required_field_is_rejected_naming_it(string field, string error)
    {
        var result = Validate(Minimal().Without(field));

        Assert.Null(result.Accepted);
        Assert.Equal([error], result.Errors.Select(e => e.ToString()));
        Assert.Equal(field, result.Errors[0].Field);
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Null_required_field_is_rejected_naming_it(string field, string error) =>
        Assert.Equal([error], ErrorsOf(Minimal().With(field, null)));

    [Theory]
    [InlineData("eventId", "5", EventIdRule)]
    [InlineData("type", "true", TypeRule)]
    [InlineData("occurredAt", "1740830340", OccurredAtRule)]
    [InlineData("customerId", "[]", "customerId: required string of 1-128 characters")]
    [InlineData("deviceId", "{}", "deviceId: required string of 1-128 characters")]
    [InlineData("titleId", "1.5", "titleId: required string of 1-128 characters")]
    [InlineData("seasonId", "7", "seasonId: optional string of 1-128 characters")]
    [InlineData("marketplace", "840", MarketplaceRule)]
    [InlineData("offer", "false", OfferRule)]
    [InlineData("positionSeconds", "\"12\"", PositionRule)]
    [InlineData("positionSeconds", "true", PositionRule)]
    public void Wrong_json_type_is_rejected_naming_the_field(string field, string json, string error) =>
        Assert.Equal([error], ErrorsOf(Minimal().With(field, Json(json))));

    [Fact]
    public void EventId_of_64_characters_is_accepted() =>
        Assert.Empty(ErrorsOf(Minimal().With("eventId", new string('e', 64))));

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void EventId_of_wrong_length_is_rejected(int length) =>
        Assert.Equal([EventIdRule], ErrorsOf(Minimal().With("eventId", new string('e', length))));

    [Theory]
    [InlineData("customerId")]
    [InlineData("deviceId")]
    [InlineData("titleId")]
    [InlineData("seasonId")]
    public void Id_of_128_characters_is_accepted_and_129_rejected(string field)
    {
        Assert.Empty(ErrorsOf(Minimal().With(field, new string('x', 128))));
        var rule = field == "seasonId" ? "optional" : "required";
        Assert.Equal([$"{field}: {rule} string of 1-128 characters"], ErrorsOf(Minimal().With(field, new string('x', 129))));
        Assert.Equal([$"{field}: {rule} string of 1-128 characters"], ErrorsOf(Minimal().With(field, "")));
    }

    [Fact]
    public void Lengths_count_code_points_not_utf16_units()
    {
        var emoji = "\U0001F3AC"; // two UTF-16 units, one code point

        Assert.Empty(ErrorsOf(Minimal().With("eventId", string.Concat(Enumerable.Repeat(emoji, 64)))));
        Assert.Equal([EventIdRule], ErrorsOf(Minimal().With("eventId", string.Concat(Enumerable.Repeat(emoji, 65)))));
    }

    public static TheoryData<string, string> IdFieldsAndControlCharacters()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in new[] { "eventId", "customerId", "deviceId", "titleId", "seasonId", "channelId" })
        {
            foreach (var c in new[] { "\u0000", "\u0009", "\u000a", "\u001f", "\u007f" })
            {
                data.Add(field, c);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IdFieldsAndControlCharacters))]
    public void Control_character_in_an_id_is_rejected(string field, string control)
    {
        var e = Minimal().With("offer", "channel").With("channelId", "ch-1").With(field, $"a{control}b");

        Assert.Equal([$"{field}: must not contain control characters (U+0000-U+001F, U+007F)"], ErrorsOf(e));
    }

    [Fact]
    public void Other_unicode_in_ids_is_accepted()
    {
        var e = Minimal().With("customerId", "Zoë\u00a0\u0080\u4e2d \U0001F3AC");

        Assert.Equal("Zoë\u00a0\u0080\u4e2d \U0001F3AC", Validate(e).Accepted!.CustomerId);
    }

    [Fact]
    public void Id_with_an_escaped_lone_surrogate_is_rejected()
    {
        var json = Minimal().ToJsonString().Replace("\"e-1\"", "\"e\\ud800\"");

        var result = _validator.Validate(Element(json));

        Assert.Equal([EventIdRule], result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("play")]
    [InlineData("heartbeat")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("stop")]
    public void Every_event_type_is_accepted(string type) =>
        Assert.Equal(type, Validate(Minimal().With("type", type)).Accepted!.Type);

    [Theory]
    [InlineData("PLAY")]
    [InlineData("Play")]
    [InlineData("seek")]
    [InlineData("")]
    public void Unknown_or_differently_cased_type_is_rejected(string type) =>
        Assert.Equal([TypeRule], ErrorsOf(Minimal().With("type", type)));

    [Theory]
    [InlineData("2025-03-01T11:00:00Z", "2025-03-01T11:00:00+00:00")]
    [InlineData("2025-03-01T13:00:00+02:00", "2025-03-01T13:00:00+02:00")]
    [InlineData("2025-03-01T05:30:00-05:30", "2025-03-01T05:30:00-05:30")]
    [InlineData("2025-03-01T11:00Z", "2025-03-01T11:00:00+00:00")]
    [InlineData("2025-03-01T11:00:00.1234567Z", "2025-03-01T11:00:00.1234567+00:00")]
    public void Occurred_at_with_an_offset_is_accepted(string sent, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Validate(Minimal().With("occurredAt", sent)).Accepted!.OccurredAt);

    [Theory]
    [InlineData("2025-03-01T11:00:00")] // no offset
    [InlineData("2025-03-01T11:00:00.5")]
    [InlineData("2025-03-01")]
    [InlineData("2025-03-01T11:00:00+02")]
    [InlineData("2025-03-01T11:00:00+0200")]
    [InlineData("2025-03-01 11:00:00Z")]
    [InlineData("2025-03-01T11:00:00z")]
    [InlineData("2025-02-30T11:00:00Z")]
    [InlineData("2025-03-01T24:00:00Z")]
    [InlineData("2025-03-01T11:00:00+24:00")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Occurred_at_without_offset_or_malformed_is_rejected(string sent) =>
        Assert.Equal([OccurredAtRule], ErrorsOf(Minimal().With("occurredAt", sent)));

    [Theory]
    [InlineData("2025-03-01T12:05:00Z")]
    [InlineData("2025-03-01T14:05:00+02:00")]
    public void Occurred_at_exactly_the_allowed_skew_ahead_is_accepted(string occurredAt) =>
        Assert.Empty(ErrorsOf(Minimal().With("occurredAt", occurredAt)));

    [Theory]
    [InlineData("2025-03-01T12:05:01Z")]
    [InlineData("2025-03-01T14:05:01+02:00")]
    [InlineData("2025-03-01T12:05:00.0000001Z")]
    public void Occurred_at_more_than_the_allowed_skew_ahead_is_rejected(string occurredAt) =>
        Assert.Equal(["occurredAt: more than 5 minutes in the future"], ErrorsOf(Minimal().With("occurredAt", occurredAt)));

    [Fact]
    public void Future_skew_follows_the_clock_and_the_configured_limit()
    {
        var clock = new FakeTimeProvider(Now);
        var validator = new PlaybackEventValidator(clock, TimeSpan.FromSeconds(30), () => Catalog());
        var json = Minimal().With("occurredAt", "2025-03-01T12:01:00Z").ToJsonString();

        Assert.Equal(["occurredAt: more than 30 seconds in the future"], validator.Validate(Element(json)).Errors.Select(e => e.ToString()));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(validator.Validate(Element(json)).IsValid);
    }

    [Fact]
    public void Events_from_long_ago_are_accepted() =>
        Assert.Empty(ErrorsOf(Minimal().With("occurredAt", "2019-01-01T00:00:00Z")));

    [Theory]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("DE")]
    [InlineData("AX")]
    [InlineData("BQ")]
    [InlineData("ZW")]
    public void Assigned_marketplace_is_accepted(string code) =>
        Assert.Equal(code, Validate(Minimal().With("marketplace", code)).Accepted!.Marketplace);

    [Theory]
    [InlineData("XX")] // user-assigned
    [InlineData("UK")] // exceptionally reserved, not assigned
    [InlineData("EU")]
    [InlineData("us")]
    [InlineData("Us")]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("")]
    public void Unassigned_or_lower_case_marketplace_is_rejected(string code) =>
        Assert.Equal([MarketplaceRule], ErrorsOf(Minimal().With("marketplace", code)));

    [Fact]
    public void Marketplace_list_holds_the_249_assigned_codes()
    {
        Assert.Equal(249, Iso3166Alpha2.Assigned.Count);
        Assert.All(Iso3166Alpha2.Assigned, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Theory]
    [InlineData("prime")]
    [InlineData("tvod")]
    [InlineData("avod")]
    public void Offer_other_than_channel_is_accepted_without_channelId(string offer)
    {
        var accepted = Validate(Minimal().With("offer", offer)).Accepted;

        Assert.Equal(offer, accepted!.Offer);
        Assert.Null(accepted.ChannelId);
    }

    [Theory]
    [InlineData("Prime")]
    [InlineData("svod")]
    public void Unknown_offer_is_rejected(string offer) =>
        Assert.Equal([OfferRule], ErrorsOf(Minimal().With("offer", offer)));

    [Fact]
    public void Channel_offer_with_channelId_is_accepted() =>
        Assert.Equal("ch-1", Validate(Minimal().With("offer", "channel").With("channelId", "ch-1")).Accepted!.ChannelId);

    [Fact]
    public void Channel_offer_without_channelId_is_rejected() =>
        Assert.Equal([ChannelRequired], ErrorsOf(Minimal().With("offer", "channel")));

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("42")]
    public void Channel_offer_with_null_empty_or_non_string_channelId_is_rejected(string channelId) =>
        Assert.Equal([ChannelRequired], ErrorsOf(Minimal().With("offer", "channel").With("channelId", Json(channelId))));

    [Fact]
    public void ChannelId_with_another_offer_is_rejected() =>
        Assert.Equal([ChannelAbsent], ErrorsOf(Minimal().With("offer", "tvod").With("channelId", "ch-1")));

    [Fact]
    public void Null_channelId_with_another_offer_counts_as_absent() =>
        Assert.Null(Validate(Minimal().With("offer", "avod").With("channelId", null)).Accepted!.ChannelId);

    [Fact]
    public void ChannelId_is_still_type_checked_when_the_offer_is_invalid() =>
        Assert.Equal([OfferRule, "channelId: optional string of 1-128 characters"],
            ErrorsOf(Minimal().With("offer", "svod").With("channelId", 5)));

    [Fact]
    public void Null_seasonId_counts_as_absent() =>
        Assert.Null(Validate(Minimal().With("seasonId", null)).Accepted!.SeasonId);

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("86400", 86400.0)]
    [InlineData("1e9", 1e9)]
    public void Non_negative_position_is_accepted(string json, double expected) =>
        Assert.Equal(expected, Validate(Minimal().With("positionSeconds", Json(json))).Accepted!.PositionSeconds);

    [Fact]
    public void Null_position_counts_as_absent() =>
        Assert.Null(Validate(Minimal().With("positionSeconds", null)).Accepted!.PositionSeconds);

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.001")]
    [InlineData("1e400")] // parses as infinity
    [InlineData("-1e400")]
    public void Negative_or_infinite_position_is_rejected(string json) =>
        Assert.Equal([PositionRule], ErrorsOf(Minimal().With("positionSeconds", Json(json))));

    [Fact]
    public void Unknown_fields_are_ignored() =>
        Assert.Equal(MinimalAccepted(), Validate(Minimal().With("bitrate", 4500).With("extra", Json("{\"a\":[1]}"))).Accepted);

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var e = Minimal().Without("eventId").With("EventId", "e-1").Without("offer").With("Offer", "prime");

        Assert.Equal([EventIdRule, OfferRule], ErrorsOf(e));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"eventId\":\"e-1\"}]")]
    [InlineData("\"e-1\"")]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("null")]
    public void Element_that_is_not_an_object_is_rejected(string json)
    {
        var result = _validator.Validate(Element(json));

        Assert.Equal(["event: must be a JSON object"], result.Errors.Select(e => e.ToString()));
        Assert.Equal("event", result.Errors[0].Field);
    }

    [Fact]
    public void Empty_object_reports_every_required_field_in_order() =>
        Assert.Equal(RequiredFields.Select(row => (string)row[1]), ErrorsOf(new JsonObject()));

    [Fact]
    public void Several_errors_of_one_event_are_all_reported_in_field_order()
    {
        var e = Minimal()
            .With("eventId", 5)
            .With("occurredAt", "2025-03-01T13:00:00Z")
            .With("deviceId", "d\u001f1")
            .With("marketplace", "us")
            .With("channelId", "ch-1")
            .With("positionSeconds", -3);

        var result = Validate(e);

        Assert.Equal(
        [
            EventIdRule,
            "occurredAt: more than 5 minutes in the future",
            "deviceId: must not contain control characters (U+0000-U+001F, U+007F)",
            MarketplaceRule,
            ChannelAbsent,
            PositionRule,
        ], result.Errors.Select(error => error.ToString()));
        Assert.Equal(["eventId", "occurredAt", "deviceId", "marketplace", "channelId", "positionSeconds"], result.Errors.Select(error => error.Field));
        Assert.Null(result.Accepted);
    }

    [Fact]
    public void A_title_outside_the_catalog_is_rejected_naming_titleId_and_accepted_once_registered()
    {
        var catalog = Catalog();
        var validator = new PlaybackEventValidator(new FakeTimeProvider(Now), TimeSpan.FromMinutes(5), () => catalog);
        var json = Minimal(titleId: "t-9").ToJsonString();

        Assert.Equal(["titleId: not in the catalog (the operator registers it: PUT /v1/admin/titles/{id})"],
            validator.Validate(Element(json)).Errors.Select(e => e.ToString()));
        catalog = Catalog("t-9"); // what the cache does when the catalog changes
        Assert.True(validator.Validate(Element(json)).IsValid);
    }

    [Fact]
    public void A_title_outside_the_catalog_is_reported_with_the_other_errors_of_its_event() =>
        Assert.Equal(["eventId: required string of 1-64 characters", "titleId: not in the catalog (the operator registers it: PUT /v1/admin/titles/{id})"],
            ErrorsOf(Minimal(titleId: "t-9").With("eventId", "")));
}
