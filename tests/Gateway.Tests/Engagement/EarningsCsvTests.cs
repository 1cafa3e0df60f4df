using Streaming.Gateway.Engagement;

namespace Streaming.Gateway.Tests.Engagement;

/// <summary>The earnings report rows and their CSV: BOM, CRLF, RFC 4180 quoting, empty fields where not applicable.</summary>
public sealed class EarningsCsvTests
{
    private const long Hour = 3_600_000;
    private static readonly UtcMonth November = new(2026, 11);

    private static string Csv(params TerritoryEarnings[] territories)
    {
        var bytes = EarningsCsv.Write(EarningsReport.Build(November, territories, new EngagementTerms()));
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    [Fact]
    public void One_row_per_unit_territory_and_offer_with_CER_and_royalty_on_prime_rows_only()
    {
        var us = new TerritoryEarnings("US",
            [new("title", "movie", 2, 3 * Hour), new("season", "s1", 1, 1 * Hour)],
            [
                new("title", "movie", "tvod", 1, Hour / 2), new("title", "movie", "prime", 3, 3 * Hour),
                new("season", "s1", "prime", 1, 1 * Hour), new("title", "movie", "avod", 0, 0),
            ]);
        var fr = new TerritoryEarnings("FR", [new("title", "movie", 1, 2 * Hour)], [new("title", "movie", "prime", 1, 2 * Hour)]);

        // US: movie beats s1 → 100 (0.10/h × 3 h = 0.30) and 0 (0.04/h × 1 h = 0.04). FR: no CER, 0.045/h × 2 h = 0.09.
        // The avod cell with nothing in it has no row.
        Assert.Equal(
            EarningsCsv.Header + "\r\n" +
            "2026-11,FR,movie,prime,1,2.00,,0.09,EUR\r\n" +
            "2026-11,US,movie,prime,3,3.00,100,0.30,USD\r\n" +
            "2026-11,US,movie,tvod,1,0.50,,,\r\n" +
            "2026-11,US,s1,prime,1,1.00,0,0.04,USD\r\n",
            Csv(us, fr));
    }

    [Fact]
    public void The_header_names_the_columns_of_the_contract()
    {
        Assert.Equal(
            "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency\r\n",
            Csv());
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("Amélie — 東京", "Amélie — 東京")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@sum", "\"'@sum\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    public void Ids_are_quoted_per_RFC_4180_and_never_run_as_formulas(string id, string field)
    {
        var csv = Csv(new TerritoryEarnings("NL", [], [new("title", id, "tvod", 1, Hour)]));

        Assert.EndsWith($"\r\n2026-11,NL,{field},tvod,1,1.00,,,\r\n", csv);
    }

    [Fact]
    public void A_territory_added_to_the_CER_list_ranks_and_earns_on_its_own_scale()
    {
        var terms = new EngagementTerms { CerTerritories = "US,GB,DE,JP,NL" };
        terms.RateCard["NL"] = new RateCardEntry { Currency = "EUR", MinRate = 0.01m, MaxRate = 0.02m };
        var rows = EarningsReport.Build(November, [new TerritoryEarnings("NL", [new("title", "a", 1, Hour)], [new("title", "a", "prime", 1, Hour)])], terms);

        Assert.Equal((100, 0.02m, "EUR"), (rows[0].Cer!.Value, rows[0].EstimatedRoyalty!.Value, rows[0].Currency!));
    }
}
