using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Reads what the engagement service keeps (layout: <see cref="EngagementLayout"/>). The month's finality comes from the
/// control slot {eng}; each territory's counters from its own month × territory slot, with the version they are at, in
/// one MULTI/EXEC there: one consistent moment of that territory's counters. The finality is read first: a month final
/// then has every slot closed, so the counters and versions read after it are its final ones. Values that are not
/// integers are skipped.
/// </summary>
public sealed class EngagementReader(IConnectionMultiplexer redis, IOptions<PipelineOptions> pipeline, GatewayTelemetry telemetry)
{
    private string Ns => pipeline.Value.Prefix;

    /// <summary>
    /// Whether the month is final and the facts it ignored, then the version of the territory's prime counters
    /// (<see cref="EngagementLayout.SlotVersionField"/>; null when the slot has none).
    /// </summary>
    public async Task<(MonthStatus Status, string? Version)> ReadStatusAsync(UtcMonth month, string territory)
    {
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        var status = ReadStatus(transaction, month);
        await transaction.ExecuteAsync();
        var version = await db.HashGetAsync(EngagementLayout.SlotStatus(Ns, month, territory), EngagementLayout.SlotVersionField);
        telemetry.KeysRead.Add(7);
        return (await status, version);
    }

    /// <summary>The territory's prime counters and the version they are at (null when the slot has none).</summary>
    public async Task<(string? Version, IReadOnlyList<PrimeUnit> Units)> ReadPrimeAsync(UtcMonth month, string territory)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        var version = transaction.HashGetAsync(EngagementLayout.SlotStatus(Ns, month, territory), EngagementLayout.SlotVersionField);
        var prime = transaction.HashGetAllAsync(EngagementLayout.Prime(Ns, month, territory));
        await transaction.ExecuteAsync();
        telemetry.KeysRead.Add(2);
        return (await version, ParsePrime(await prime));
    }

    /// <summary>Every territory with facts in the month; territories first, then each one's counters in one transaction in its slot.</summary>
    public async Task<IReadOnlyList<TerritoryEarnings>> ReadMonthAsync(UtcMonth month)
    {
        var db = redis.GetDatabase();
        var territories = (await db.SetMembersAsync(EngagementLayout.Territories(Ns, month))).Select(t => (string)t!).ToList();
        if (territories.Count == 0)
        {
            return [];
        }
        var reads = territories.Select(t =>
        {
            var transaction = db.CreateTransaction();
            var read = (Territory: t, Prime: transaction.HashGetAllAsync(EngagementLayout.Prime(Ns, month, t)),
                Offers: transaction.HashGetAllAsync(EngagementLayout.Offers(Ns, month, t)), Done: transaction.ExecuteAsync());
            return read;
        }).ToList();
        await Task.WhenAll(reads.Select(r => r.Done));
        telemetry.KeysRead.Add(1 + 2 * territories.Count);
        var answer = new List<TerritoryEarnings>(reads.Count);
        foreach (var read in reads)
        {
            answer.Add(new TerritoryEarnings(read.Territory, ParsePrime(await read.Prime), ParseOffers(await read.Offers)));
        }
        return answer;
    }

    /// <summary>
    /// The title each of these seasons belongs to (<see cref="EngagementLayout.SeasonTitles"/>); a season the
    /// engagement service has not recorded is absent (it then belongs to no distributor: only the operator sees it).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadSeasonTitlesAsync(IReadOnlyCollection<string> seasonIds)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (seasonIds.Count == 0)
        {
            return titles;
        }
        var fields = seasonIds.Distinct(StringComparer.Ordinal).Select(id => (RedisValue)id).ToArray();
        var values = await redis.GetDatabase().HashGetAsync(EngagementLayout.SeasonTitles(Ns), fields);
        telemetry.KeysRead.Add(1);
        for (var i = 0; i < fields.Length; i++)
        {
            if (!values[i].IsNull) titles[(string)fields[i]!] = (string)values[i]!;
        }
        return titles;
    }

    /// <summary>
    /// Whether the month is final, judged as the engagement service judges it (<see cref="MonthFinality.IsFinal"/>), and
    /// the facts it ignored because they came after.
    /// </summary>
    private Task<MonthStatus> ReadStatus(ITransaction transaction, UtcMonth month)
    {
        var name = month.ToString();
        var reopened = transaction.HashExistsAsync(EngagementLayout.ReopenedMonths(Ns), name);
        var closing = transaction.HashExistsAsync(EngagementLayout.ClosingMonths(Ns), name);
        var closed = transaction.HashExistsAsync(EngagementLayout.FinalMonths(Ns), name);
        var open = transaction.HashExistsAsync(EngagementLayout.OpenMonths(Ns), name);
        var finalThrough = transaction.HashGetAsync(EngagementLayout.StateKey(Ns), EngagementLayout.State.FinalThrough);
        var late = transaction.HashGetAsync(EngagementLayout.LateFacts(Ns), name);
        return Decide();

        async Task<MonthStatus> Decide()
        {
            var record = await closing ? MonthRecord.Closing : await reopened ? MonthRecord.Reopened : await closed ? MonthRecord.Final
                : await open ? MonthRecord.Open : MonthRecord.None;
            UtcMonth? through = UtcMonth.TryParse((string?)await finalThrough, out var f) ? f : null;
            return new MonthStatus(MonthFinality.IsFinal(month, record, through), (await late).TryParse(out long count) ? count : 0);
        }
    }

    /// <summary>One field per unit: <c>{unit}</c> → <c>"{customers} {watchedMs}"</c>.</summary>
    private static List<PrimeUnit> ParsePrime(HashEntry[] entries)
    {
        var units = new List<PrimeUnit>(entries.Length);
        foreach (var entry in entries)
        {
            if (EngagementLayout.TryParsePrimeValue(((ReadOnlyMemory<byte>)entry.Value).Span, out var customers, out var watchedMs) &&
                EngagementLayout.TryParseUnit(((ReadOnlyMemory<byte>)entry.Name).Span, out var kind, out var id))
            {
                units.Add(new PrimeUnit(kind, id, customers, watchedMs));
            }
        }
        return units;
    }

    private static List<OfferCounters> ParseOffers(HashEntry[] entries)
    {
        var cells = new Dictionary<(string Kind, string Id, string Offer), (long Streams, long WatchedMs)>();
        foreach (var entry in entries)
        {
            if (!entry.Value.TryParse(out long value) ||
                !EngagementLayout.TryParseOfferField(entry.Name!, out var kind, out var id, out var offer, out var suffix))
            {
                continue;
            }
            var sums = cells.GetValueOrDefault((kind, id, offer));
            cells[(kind, id, offer)] = suffix switch
            {
                EngagementLayout.StreamsSuffix => (sums.Streams + value, sums.WatchedMs),
                EngagementLayout.WatchedSuffix => (sums.Streams, sums.WatchedMs + value),
                _ => sums,
            };
        }
        return cells.Select(c => new OfferCounters(c.Key.Kind, c.Key.Id, c.Key.Offer, c.Value.Streams, c.Value.WatchedMs)).ToList();
    }
}
