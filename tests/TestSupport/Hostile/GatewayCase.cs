namespace Streaming.TestSupport.Hostile;

/// <summary>
/// The calendar the gateway cases are written for: the gateway's today (its clock's UTC date) and the one UTC day
/// that holds counters, if any. Ranges keep two days clear of both, so no time zone moves a day across them.
/// </summary>
public sealed record GatewayWorld(DateOnly Today, DateOnly? DataDay);

/// <summary>The filters of a performance query that decide its totals, for a world whose counters are known.</summary>
public sealed record PerformanceFilter(bool IncludesDataDay, IReadOnlySet<string> TitleIds, IReadOnlySet<string> Offers, IReadOnlySet<string> Marketplaces);

/// <summary>
/// A generated gateway request and the answer it must get: 200 in <see cref="MediaType"/> (with these totals, when
/// <see cref="Totals"/> is given), or 400 application/problem+json whose errors name exactly <see cref="Names"/>.
/// </summary>
public sealed record GatewayCase(string Note, string Path, int Status, IReadOnlyList<string> Names, string? MediaType, PerformanceFilter? Totals);

/// <summary>One query parameter as sent (its value percent-encoded) and whether its value alone is refused.</summary>
public sealed record QueryParam(string Name, string Value, bool Refused = false)
{
    public static QueryParam Valid(string name, string value) => new(name, Uri.EscapeDataString(value));

    public static QueryParam Bad(string name, string value) => new(name, Uri.EscapeDataString(value), true);

    /// <summary>A refused value written as it goes on the wire, e.g. an undecodable %FF.</summary>
    public static QueryParam BadRaw(string name, string encoded) => new(name, encoded, true);

    public override string ToString() => $"{Name}={Value}";
}
