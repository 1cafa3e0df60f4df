using Streaming.Gateway.Engagement;

namespace Streaming.Gateway.Tests.Engagement;

/// <summary>The engagement answer's own JSON writer against the serializer it stands in for: the same bytes.</summary>
public sealed class EngagementJsonTests
{
    private static readonly UtcMonth November = new(2026, 11);

    private static string Serializer(EngagementResponse answer) =>
        JsonSerializer.Serialize(answer, EngagementJsonContext.Default.EngagementResponse);

    private static string Written(EngagementResponse answer) => System.Text.Encoding.UTF8.GetString(EngagementJson.Write(answer).Span);

    [Fact]
    public void Writes_what_the_serializer_writes_for_every_kind_of_value()
    {
        EngagementUnit[] units =
        [
            new("bench-title-000123", "title", 100, 9_999, 600.00m, 10.00m, 0.70m, "USD"),
            new("s1", "season", 0, 1, 0.00m, 0.00m, 0.00m, "USD"),
            new("a", "title", null, 3, 0.50m, 0.01m, null, null),
            new("jp", "title", 7, 2, 120.00m, 2.00m, 18m, "JPY"),
            new("big", "title", 55, long.MaxValue, 153_722_867_280_912.93m, 2_562_047_788_015.22m, 123_456_789_012.34m, "INR"),
            new("wide", "title", 1, 1, 79_228_162_514_264_337_593_543_950_335m, 0.1m, -1.50m, "EUR"), // past 64 bits; negative
            new("quote\"back\\slash", "title", 1, 1, 1.00m, 0.02m, 0.10m, "USD"),
            new("<b>&'+`", "title", 1, 1, 1.00m, 0.02m, 0.10m, "USD"),
            new("Amélie 映画 🎬", "season", 1, 1, 1.00m, 0.02m, 0.10m, "USD"),
            new("tab\there\nline\u0001", "title", 1, 1, 1.00m, 0.02m, 0.10m, "USD"),
            new("with space/and,comma", "title", 1, 1, 1.00m, 0.02m, 0.10m, "USD"),
        ];
        // Each character the encoder escapes, alone between plain ones.
        EngagementUnit[] oneEach = [.. "\"\\<>&'+` ,/é\u007f\u0000".Select(c => new EngagementUnit($"a{c}b", "title", 1, 1, 1.00m, 0.02m, 0.10m, "USD"))];
        var answer = new EngagementResponse("2026-11", "US", true, 12, [.. units, .. oneEach]);

        Assert.Equal(Serializer(answer), Written(answer));
        Assert.Equal(Serializer(answer with { Final = false, LateFactsIgnored = 0, Units = [] }),
            Written(answer with { Final = false, LateFactsIgnored = 0, Units = [] }));
    }

    [Fact]
    public void The_answer_from_real_counters_is_what_the_serializer_writes()
    {
        // 2,000 long-tailed units ranked in the US (sliding rate), FR (fixed 0.045, no CER) and JP (0 decimals).
        var random = new Random(7);
        var units = Enumerable.Range(0, 2_000).Select(i =>
        {
            var customers = (long)(500 * Math.Pow(random.NextDouble(), 4));
            return new PrimeUnit(i % 3 == 0 ? "season" : "title", $"u{i:D4}", customers, customers * random.NextInt64(1, 7_200_000));
        }).ToList();
        foreach (var territory in new[] { "US", "FR", "JP", "NL" })
        {
            var answer = EngagementReport.Build(November, territory, new MonthStatus(false, 3), units, new EngagementTerms());

            Assert.Equal(Serializer(answer), Written(answer));
        }
    }
}
