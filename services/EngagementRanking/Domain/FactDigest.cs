using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.EngagementRules;

namespace Streaming.EngagementRanking.Domain;

/// <summary>
/// One facts message summed into what the counters need, per UTC month (of the fact's hour) × territory (the
/// marketplace): per ranking unit and customer the net prime streams opened, per unit the prime watched time, and
/// per unit and offer the streams and watched time of every offer. Sums that come to zero are dropped. The newest
/// fact hour of the message, of any offer, moves the watermark.
/// </summary>
public sealed class FactDigest
{
    private FactDigest(long? newestHourMs, IReadOnlyList<MonthTerritoryFacts> groups, IReadOnlyDictionary<string, string> seasonTitles)
    {
        NewestHourMs = newestHourMs;
        Groups = groups;
        SeasonTitles = seasonTitles;
    }

    /// <summary>Start (Unix ms) of the newest hour among the facts; null for an empty message.</summary>
    public long? NewestHourMs { get; }

    /// <summary>In month, then territory order.</summary>
    public IReadOnlyList<MonthTerritoryFacts> Groups { get; }

    /// <summary>
    /// Season id → the title of the message's first fact of that season: a season belongs to the distributor of its
    /// title, and the gateway finds it through this (the first title ever recorded for a season stays).
    /// </summary>
    public IReadOnlyDictionary<string, string> SeasonTitles { get; }

    public static FactDigest Of(IReadOnlyList<StreamActivity> facts)
    {
        long? newest = null;
        var groups = new Dictionary<(UtcMonth, string), MonthTerritoryFacts>();
        var seasonTitles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (!string.IsNullOrEmpty(fact.SeasonId))
            {
                seasonTitles.TryAdd(fact.SeasonId, fact.TitleId);
            }
            var hourMs = fact.HourStart.ToUnixTimeMilliseconds();
            newest = newest is { } n ? Math.Max(n, hourMs) : hourMs;
            var month = UtcMonth.OfUnixMs(hourMs);
            if (!groups.TryGetValue((month, fact.Marketplace), out var group))
            {
                groups[(month, fact.Marketplace)] = group = new MonthTerritoryFacts(month, fact.Marketplace);
            }
            group.Add(RankingUnit.Of(fact).Key, fact);
        }
        var ordered = groups.Values.OrderBy(g => g.Month).ThenBy(g => g.Territory, StringComparer.Ordinal).ToList();
        ordered.ForEach(g => g.DropZeros());
        return new FactDigest(newest, ordered, seasonTitles);
    }
}

/// <summary>The facts of one message for one month and territory, summed.</summary>
public sealed class MonthTerritoryFacts(UtcMonth month, string territory)
{
    public UtcMonth Month { get; } = month;
    public string Territory { get; } = territory;

    /// <summary>Facts of the message in this group, whatever their sums: what "applied" or "ignored" counts.</summary>
    public int FactCount { get; private set; }

    /// <summary>Net prime streams opened per (unit, customer): what decides whether the customer counts.</summary>
    public Dictionary<(string Unit, string CustomerId), long> PrimeStreams { get; } = [];

    public Dictionary<string, long> PrimeWatchedMs { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Unit, string Offer), (long Streams, long WatchedMs)> Offers { get; } = [];

    internal void Add(string unit, StreamActivity fact)
    {
        FactCount++;
        var offer = Offers.GetValueOrDefault((unit, fact.Offer));
        Offers[(unit, fact.Offer)] = (offer.Streams + fact.StreamsDelta, offer.WatchedMs + fact.WatchedMillisecondsDelta);
        if (fact.Offer != PlaybackOffers.Prime)
        {
            return;
        }
        PrimeStreams[(unit, fact.CustomerId)] = PrimeStreams.GetValueOrDefault((unit, fact.CustomerId)) + fact.StreamsDelta;
        PrimeWatchedMs[unit] = PrimeWatchedMs.GetValueOrDefault(unit) + fact.WatchedMillisecondsDelta;
    }

    internal void DropZeros()
    {
        foreach (var key in PrimeStreams.Where(e => e.Value == 0).Select(e => e.Key).ToList()) PrimeStreams.Remove(key);
        foreach (var key in PrimeWatchedMs.Where(e => e.Value == 0).Select(e => e.Key).ToList()) PrimeWatchedMs.Remove(key);
        foreach (var key in Offers.Where(e => e.Value == (0, 0)).Select(e => e.Key).ToList()) Offers.Remove(key);
    }
}
