using Streaming.Gateway.Engagement;

namespace Streaming.Gateway.Tests.Engagement;

/// <summary>The engagement answer from counters: CER where the territory has one, minutes, hours, royalty, order.</summary>
public sealed class EngagementReportTests
{
    private static readonly UtcMonth November = new(2026, 11);
    private static readonly EngagementTerms Terms = new();
    private const long Hour = 3_600_000;

    /// <summary>a and season s1 tie at (3 customers, 10 h); b has 1 customer, 1 h; z was corrected to nothing.</summary>
    private static readonly PrimeUnit[] Units =
    [
        new("title", "b", 1, 1 * Hour), new("season", "s1", 3, 10 * Hour), new("title", "z", 0, 0), new("title", "a", 3, 10 * Hour),
    ];

    private static string Json(EngagementResponse response) => JsonSerializer.Serialize(response, JsonSerializerOptions.Web);

    [Fact]
    public void US_units_get_their_CER_and_the_sliding_rate_and_ties_are_ordered_by_id()
    {
        // N = 3 ranked (z is not), N − 1 = 2: b has B = 0 → 0; a and s1 have B = 1 each → 50.
        // Rates: CER 50 → 0.04 + 0.06 × 0.5 = 0.07 × 10 h = 0.70; CER 0 → 0.04 × 1 h = 0.04.
        Assert.Equal(
            """{"month":"2026-11","territory":"US","final":false,"lateFactsIgnored":0,"units":[""" +
            """{"unitId":"a","kind":"title","cer":50,"distinctCustomers":3,"minutesStreamed":600.00,"hoursStreamed":10.00,"estimatedRoyalty":0.70,"currency":"USD"},""" +
            """{"unitId":"s1","kind":"season","cer":50,"distinctCustomers":3,"minutesStreamed":600.00,"hoursStreamed":10.00,"estimatedRoyalty":0.70,"currency":"USD"},""" +
            """{"unitId":"b","kind":"title","cer":0,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.04,"currency":"USD"}]}""",
            Json(EngagementReport.Build(November, "US", new MonthStatus(false, 0), Units, Terms)));
    }

    [Fact]
    public void A_territory_without_CER_has_null_ranks_its_fixed_rate_and_the_order_of_the_scores()
    {
        // FR: fixed 0.045 EUR per hour: 10 h → 0.45; 1 h → 0.045 → 0.05 (half away from zero).
        Assert.Equal(
            """{"month":"2026-11","territory":"FR","final":true,"lateFactsIgnored":12,"units":[""" +
            """{"unitId":"a","kind":"title","cer":null,"distinctCustomers":3,"minutesStreamed":600.00,"hoursStreamed":10.00,"estimatedRoyalty":0.45,"currency":"EUR"},""" +
            """{"unitId":"s1","kind":"season","cer":null,"distinctCustomers":3,"minutesStreamed":600.00,"hoursStreamed":10.00,"estimatedRoyalty":0.45,"currency":"EUR"},""" +
            """{"unitId":"b","kind":"title","cer":null,"distinctCustomers":1,"minutesStreamed":60.00,"hoursStreamed":1.00,"estimatedRoyalty":0.05,"currency":"EUR"}]}""",
            Json(EngagementReport.Build(November, "FR", new MonthStatus(true, 12), Units, Terms)));
    }

    [Fact]
    public void A_territory_missing_from_the_rate_card_has_no_estimate()
    {
        var unit = Assert.Single(EngagementReport.Build(November, "NL", new MonthStatus(false, 0), [new("title", "a", 1, Hour)], Terms).Units);

        Assert.Equal((null, null, null), (unit.Cer, unit.EstimatedRoyalty, unit.Currency));
    }

    [Fact]
    public void A_lone_unit_is_100_and_in_the_US_earns_the_maximum_rate()
    {
        var unit = Assert.Single(EngagementReport.Build(November, "US", new MonthStatus(false, 0), [new("title", "a", 1, 2 * Hour)], Terms).Units);

        Assert.Equal((100, 0.20m, "USD"), (unit.Cer, unit.EstimatedRoyalty, unit.Currency)); // 2 h × 0.10 USD
    }

    [Fact]
    public void In_Japan_the_CER_is_reported_but_the_rate_is_fixed()
    {
        var unit = Assert.Single(EngagementReport.Build(November, "JP", new MonthStatus(false, 0), [new("title", "a", 1, 2 * Hour)], Terms).Units);

        Assert.Equal((100, 18m, "JPY"), (unit.Cer, unit.EstimatedRoyalty, unit.Currency)); // 2 h × 9 JPY, whatever the CER
    }

    [Fact]
    public void Units_sharing_a_CER_come_in_score_order()
    {
        // 102 units with 1 … 102 customers: N − 1 = 101, so B = 0 and B = 1 both give CER 0 (100 / 101 < 1).
        var units = Enumerable.Range(1, 102).Select(i => new PrimeUnit("title", $"u{i:D3}", i, 0)).Reverse().ToList();

        var answer = EngagementReport.Build(November, "US", new MonthStatus(false, 0), units, Terms).Units;

        Assert.Equal(("u102", 100), (answer[0].UnitId, answer[0].Cer!.Value));
        Assert.Equal([("u002", 0), ("u001", 0)], answer.TakeLast(2).Select(u => (u.UnitId, u.Cer!.Value)));
    }

    [Fact]
    public void An_empty_month_has_no_units()
    {
        Assert.Empty(EngagementReport.Build(November, "US", new MonthStatus(false, 0), [], Terms).Units);
    }
}
