using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Streaming.Gateway.Tests.Engagement;

/// <summary>Estimated royalty = hours streamed × rate, rounded once to the currency's minor unit, half away from zero.</summary>
public sealed class RoyaltyTests
{
    private const long Hour = 3_600_000;
    private static readonly EngagementTerms Defaults = new();

    private static string? Estimate(string territory, int? cer, long watchedMs) =>
        Defaults.Estimate(territory, cer, watchedMs) is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.Amount} {e.Currency}") : null;

    [Theory]
    [InlineData(0, "0.04")]
    [InlineData(100, "0.10")]
    [InlineData(50, "0.07")]
    [InlineData(88, "0.0928")] // 0.04 + 0.06 × 0.88
    public void US_rate_slides_linearly_from_the_minimum_at_CER_0_to_the_maximum_at_CER_100(int cer, string rate)
    {
        Assert.Equal(decimal.Parse(rate, CultureInfo.InvariantCulture), Defaults.RatePerHour("US", cer)!.Value.Rate);
    }

    [Fact]
    public void Ten_hours_in_the_US_at_CER_88_earn_93_cents()
    {
        Assert.Equal("0.93 USD", Estimate("US", 88, 10 * Hour)); // 10 × 0.0928 = 0.928
    }

    [Fact]
    public void Half_a_cent_rounds_away_from_zero()
    {
        Assert.Equal("0.03 USD", Estimate("US", 100, Hour / 4)); // 0.25 × 0.10 = 0.025
    }

    [Fact]
    public void The_exact_milliseconds_are_multiplied_not_the_rounded_hours()
    {
        // 882,000 ms = 0.245 h, shown as 0.25 h; 0.245 × 0.10 = 0.0245 → 0.02 (0.25 × 0.10 would give 0.03).
        Assert.Equal("0.02 USD", Estimate("US", 100, 882_000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void GB_reports_a_CER_but_its_rate_is_fixed_whatever_the_CER(int cer)
    {
        Assert.True(Defaults.HasCer("GB"));
        Assert.Equal("0.17 GBP", Estimate("GB", cer, 3 * Hour)); // 3 × 0.055 = 0.165
    }

    [Fact]
    public void DE_pays_its_fixed_rate_at_any_CER()
    {
        Assert.Equal("0.13 EUR", Estimate("DE", 0, 2 * Hour));  // 2 × 0.0625 = 0.125
        Assert.Equal("0.13 EUR", Estimate("DE", 88, 2 * Hour));
    }

    [Fact]
    public void Whole_yen_in_Japan_at_a_fixed_rate()
    {
        Assert.Equal("18 JPY", Estimate("JP", 100, 2 * Hour));      // 2 × 9
        Assert.Equal("14 JPY", Estimate("JP", 50, 3 * Hour / 2));   // 1.5 × 9 = 13.5
    }

    [Fact]
    public void A_territory_without_CER_has_a_fixed_rate()
    {
        Assert.False(Defaults.HasCer("FR"));
        Assert.Equal("0.14 EUR", Estimate("FR", null, 3 * Hour)); // 3 × 0.045 = 0.135
    }

    [Fact]
    public void A_territory_missing_from_the_rate_card_has_no_estimate()
    {
        Assert.Null(Estimate("NL", null, 3 * Hour));
    }

    [Fact]
    public void Amounts_always_show_the_currency_decimals()
    {
        Assert.Equal("0.00", Defaults.Estimate("US", 0, 0)!.Value.Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1.00", Defaults.Estimate("US", 100, 10 * Hour)!.Value.Amount.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Configuration_changes_single_fields_of_the_defaults_and_adds_territories()
    {
        var terms = Bind(("RateCard:US:MaxRate", "0.12"), ("RateCard:NL:Currency", "EUR"), ("RateCard:NL:Rate", "0.05"), ("CerTerritories", "US,GB"));

        Assert.Equal(0.04m, terms.RatePerHour("US", 0)!.Value.Rate);
        Assert.Equal(0.12m, terms.RatePerHour("US", 100)!.Value.Rate);
        Assert.Equal(0.05m, terms.RatePerHour("NL", null)!.Value.Rate);
        Assert.False(terms.HasCer("DE"));
        Assert.Empty(Errors(terms));
    }

    [Fact]
    public void A_fixed_rate_territory_slides_once_configuration_gives_it_a_scale()
    {
        var terms = Bind(("RateCard:GB:MinRate", "0.03"), ("RateCard:GB:MaxRate", "0.08"));

        Assert.Equal(0.055m, terms.RatePerHour("GB", 50)!.Value.Rate); // 0.03 + 0.05 × 0.5
        Assert.Empty(Errors(terms));
    }

    [Fact]
    public void A_CER_territory_with_a_fixed_rate_is_accepted()
    {
        var terms = Bind(("CerTerritories", "US,FR"));

        Assert.Equal(0.045m, terms.RatePerHour("FR", 70)!.Value.Rate);
        Assert.Empty(Errors(terms));
    }

    [Fact]
    public void A_CER_territory_without_any_rate_is_refused_and_named()
    {
        var errors = Errors(Bind(("RateCard:NL:Currency", "EUR"), ("CerTerritories", "US,NL")));

        Assert.Equal(["RateCard:NL:Rate"], errors);
    }

    [Theory]
    [InlineData("RateCard:US:MaxRate", "0.01", "RateCard:US:MaxRate")]   // below MinRate 0.04
    [InlineData("RateCard:US:Currency", "usd", "RateCard:US:Currency")]
    [InlineData("RateCard:US:Decimals", "9", "RateCard:US:Decimals")]
    [InlineData("RateCard:FR:Rate", "-0.01", "RateCard:FR:Rate")]
    [InlineData("RateCard:us:Rate", "0.01", "RateCard:us")]
    [InlineData("CerTerritories", "US,USA", "CerTerritories")]
    [InlineData("RateCard:GB:MinRate", "0.03", "RateCard:GB:MaxRate")]   // half a scale
    [InlineData("RateCard:GB:Rate", "", "RateCard:GB:Rate")]             // a CER territory left without a rate
    [InlineData("CerTerritories", "US,NL", "RateCard:NL")]               // no entry at all
    public void Bad_terms_are_refused_and_named(string key, string value, string named)
    {
        var errors = Errors(Bind((key, value)));

        Assert.Contains(named, errors);
    }

    private static EngagementTerms Bind(params (string Key, string Value)[] settings)
    {
        var terms = new EngagementTerms();
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build().Bind(terms);
        return terms;
    }

    private static List<string> Errors(EngagementTerms terms)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(terms, new ValidationContext(terms), results, validateAllProperties: true);
        return results.SelectMany(r => r.MemberNames).ToList();
    }
}
