using Streaming.Ingest.Validation;
using static Streaming.Ingest.Tests.Subscriptions.SubscriptionEvents;

namespace Streaming.Ingest.Tests.Subscriptions;

public sealed class SubscriptionEventValidatorTests
{
    private const string TypeRule = "type: required, one of trial_started, paid_started, cancelled";
    private const string OccurredAtRule = "occurredAt: required ISO-8601 date-time with offset (Z or ±hh:mm)";
    private const string MarketplaceRule = "marketplace: required ISO 3166-1 alpha-2 code, assigned and upper case (e.g. US)";

    // Events.Now is 2025-03-01T12:00Z.
    private readonly SubscriptionEventValidator _validator = new(new FakeTimeProvider(Now), TimeSpan.FromMinutes(5), () => Catalog());

    private EventValidation<SubscriptionEvent> Validate(JsonNode e) => _validator.Validate(Element(e.ToJsonString()));

    private string[] ErrorsOf(JsonNode e) => [.. Validate(e).Errors.Select(error => error.ToString())];

    [Theory]
    [InlineData("trial_started")]
    [InlineData("paid_started")]
    [InlineData("cancelled")]
    public void Valid_event_is_accepted_with_its_local_offset(string type)
    {
        var accepted = Validate(Subscription(type: type)).Accepted;

        Assert.Equal(SubscriptionAccepted(type: type), accepted);
        Assert.Equal(TimeSpan.FromHours(-8), accepted!.OccurredAt.Offset);
    }

    public static TheoryData<string, string> RequiredFields => new()
    {
        { "eventId", "eventId: required string of 1-64 characters" },
        { "type", TypeRule },
        { "occurredAt", OccurredAtRule },
        { "customerId", "customerId: required string of 1-128 characters" },
        { "channelId", "channelId: required string of 1-128 characters" },
        { "marketplace", MarketplaceRule },
    };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Missing_or_null_required_field_is_named(string field, string error)
    {
        Assert.Equal([error], ErrorsOf(Subscription().Without(field)));
        Assert.Equal([error], ErrorsOf(Subscription().With(field, null)));
    }

    [Theory]
    [InlineData("trial_start")]
    [InlineData("Cancelled")]
    [InlineData("canceled")]
    [InlineData("play")]
    public void Unknown_type_is_rejected(string type) => Assert.Equal([TypeRule], ErrorsOf(Subscription().With("type", type)));

    [Theory]
    [InlineData("2025-02-28T23:30:00")]      // no offset: the local day would be a guess
    [InlineData("2025-02-28")]
    [InlineData("2025-02-30T10:00:00Z")]
    [InlineData("1740800000")]
    public void Timestamp_without_offset_or_not_a_date_time_is_rejected(string occurredAt) =>
        Assert.Equal([OccurredAtRule], ErrorsOf(Subscription().With("occurredAt", occurredAt)));

    [Fact]
    public void Timestamp_more_than_the_skew_in_the_future_is_rejected_and_at_the_skew_accepted()
    {
        Assert.Equal(["occurredAt: more than 5 minutes in the future"], ErrorsOf(Subscription().With("occurredAt", "2025-03-01T04:05:01-08:00")));
        Assert.Empty(ErrorsOf(Subscription().With("occurredAt", "2025-03-01T21:05:00+09:00")));
    }

    [Theory]
    [InlineData("customerId", 128)]
    [InlineData("channelId", 128)]
    [InlineData("eventId", 64)]
    public void Ids_are_limited_in_length(string field, int max)
    {
        Assert.Empty(ErrorsOf(Subscription().With(field, new string('x', max))));
        Assert.Single(ErrorsOf(Subscription().With(field, new string('x', max + 1))));
        Assert.Single(ErrorsOf(Subscription().With(field, "")));
    }

    [Fact]
    public void Control_characters_in_an_id_are_rejected() =>
        Assert.Equal(["channelId: must not contain control characters (U+0000-U+001F, U+007F)"], ErrorsOf(Subscription().With("channelId", "ch\u001f1")));

    [Theory]
    [InlineData("us")]
    [InlineData("UK")]
    [InlineData("USA")]
    public void Marketplace_must_be_an_assigned_upper_case_code(string marketplace) =>
        Assert.Equal([MarketplaceRule], ErrorsOf(Subscription().With("marketplace", marketplace)));

    [Fact]
    public void Every_broken_rule_is_reported_at_once_in_field_order()
    {
        var result = Validate(new JsonObject { ["type"] = "upgrade", ["occurredAt"] = "yesterday", ["channelId"] = 7, ["marketplace"] = "XX" });

        Assert.Equal(["eventId", "type", "occurredAt", "customerId", "channelId", "marketplace"], result.Errors.Select(e => e.Field));
        Assert.Null(result.Accepted);
    }

    [Fact]
    public void A_channel_outside_the_catalog_is_rejected_naming_channelId() =>
        Assert.Equal(["channelId: not in the catalog (the operator registers it: PUT /v1/admin/channels/{id})"],
            ErrorsOf(Subscription(channelId: "ch-9")));
}
