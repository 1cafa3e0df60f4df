using System.ComponentModel.DataAnnotations;

namespace Streaming.EngagementRules;

/// <summary>
/// The commercial terms of section <c>EngagementRanking</c> that the engagement service validates and the gateway
/// applies: which territories get a CER and the rate card. Keys are ISO 3166-1 alpha-2 territories.
/// The default rates are illustrative, not any contract: replace them with the distributor's.
/// </summary>
public sealed class EngagementTerms : IValidatableObject
{
    public const string Section = "EngagementRanking";

    /// <summary>Comma-separated territories that get a CER; every other territory has none (null, not zero).</summary>
    public string CerTerritories { get; set; } = "US,GB,DE,JP";

    /// <summary>
    /// Per territory; configuration entries add territories or change fields of these defaults. Only the US rate
    /// slides with the CER; GB, DE and JP report a CER but pay a fixed rate, the midpoint of the scale they had before.
    /// </summary>
    public Dictionary<string, RateCardEntry> RateCard { get; set; } = new(StringComparer.Ordinal)
    {
        ["US"] = new() { Currency = "USD", MinRate = 0.04m, MaxRate = 0.10m },
        ["GB"] = new() { Currency = "GBP", Rate = 0.055m },
        ["DE"] = new() { Currency = "EUR", Rate = 0.0625m },
        ["JP"] = new() { Currency = "JPY", Rate = 9m, Decimals = 0 },
        ["CA"] = new() { Currency = "CAD", Rate = 0.05m },
        ["FR"] = new() { Currency = "EUR", Rate = 0.045m },
        ["ES"] = new() { Currency = "EUR", Rate = 0.04m },
        ["IT"] = new() { Currency = "EUR", Rate = 0.04m },
        ["AU"] = new() { Currency = "AUD", Rate = 0.06m },
        ["BR"] = new() { Currency = "BRL", Rate = 0.12m },
        ["IN"] = new() { Currency = "INR", Rate = 1.20m },
        ["MX"] = new() { Currency = "MXN", Rate = 0.50m },
    };

    public IReadOnlyList<string> CerTerritoryList =>
        CerTerritories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool HasCer(string territory) => CerTerritoryList.Contains(territory, StringComparer.Ordinal);

    /// <summary>
    /// The per-hour rate for prime streams of a unit with this CER (null where the territory has none): on the
    /// entry's scale when it has one and there is a CER, else its fixed rate; null when there is neither.
    /// </summary>
    public (decimal Rate, RateCardEntry Entry)? RatePerHour(string territory, int? cer)
    {
        if (!RateCard.TryGetValue(territory, out var entry))
        {
            return null;
        }
        if (cer is { } c && entry is { MinRate: { } min, MaxRate: { } max })
        {
            return (min + (max - min) * c / 100m, entry);
        }
        return entry.Rate is { } rate ? (rate, entry) : null;
    }

    /// <summary>Estimated royalty of prime watched time; null where the rate card has no rate.</summary>
    public RoyaltyEstimate? Estimate(string territory, int? cer, long primeWatchedMs) =>
        RatePerHour(territory, cer) is var (rate, entry)
            ? RoyaltyEstimate.Of(primeWatchedMs, rate, entry.Decimals, entry.Currency)
            : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var cerTerritories = CerTerritoryList;
        if (cerTerritories.Any(t => !IsTerritory(t)))
        {
            yield return new("comma-separated ISO 3166-1 alpha-2 codes such as US,GB,DE,JP", [nameof(CerTerritories)]);
        }
        foreach (var (territory, entry) in RateCard)
        {
            var at = $"{nameof(RateCard)}:{territory}";
            if (!IsTerritory(territory))
            {
                yield return new("rate card keys are ISO 3166-1 alpha-2 codes in upper case, e.g. US", [at]);
            }
            if (entry.Currency.Length != 3 || !entry.Currency.All(char.IsAsciiLetterUpper))
            {
                yield return new("an ISO 4217 currency code such as USD", [$"{at}:{nameof(RateCardEntry.Currency)}"]);
            }
            if (entry.Decimals is < 0 or > 4)
            {
                yield return new("must be between 0 and 4", [$"{at}:{nameof(RateCardEntry.Decimals)}"]);
            }
            foreach (var (name, value) in new[] { ("MinRate", entry.MinRate), ("MaxRate", entry.MaxRate), ("Rate", entry.Rate) })
            {
                if (value < 0)
                {
                    yield return new("must not be negative", [$"{at}:{name}"]);
                }
            }
            if (entry.MinRate is null != entry.MaxRate is null)
            {
                yield return new("a scale needs both MinRate and MaxRate", [$"{at}:{(entry.MinRate is null ? "MinRate" : "MaxRate")}"]);
            }
            else if (entry.MinRate > entry.MaxRate)
            {
                yield return new("must not be below MinRate", [$"{at}:MaxRate"]);
            }
            else if (entry.Rate is null && entry.MinRate is null && cerTerritories.Contains(territory))
            {
                yield return new("a CER territory needs a rate: a fixed Rate, or MinRate and MaxRate to slide with the CER", [$"{at}:Rate"]);
            }
        }
        foreach (var territory in cerTerritories.Where(t => IsTerritory(t) && !RateCard.ContainsKey(t)))
        {
            yield return new("a CER territory needs a rate card entry", [$"{nameof(RateCard)}:{territory}"]);
        }
    }

    private static bool IsTerritory(string code) => code.Length == 2 && code.All(char.IsAsciiLetterUpper);
}
