using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.EngagementRules;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Reads what the engagement service keeps (layout: <see cref="EngagementLayout"/>). Each territory's counters and
/// the month's finality are read in one MULTI/EXEC: all keys share the {eng} slot, so the answer is one consistent
/// moment of the counters. Values that are not integers are skipped.
/// </summary>
public sealed class EngagementReader(IConnectionMultiplexer redis, IOptions<PipelineOptions> pipeline, GatewayTelemetry telemetry)
{
    private string Ns => pipeline.Value.Prefix;

    public async Task<(bool Final, IReadOnlyList<PrimeUnit> Units)> ReadTerritoryAsync(UtcMonth month, string territory)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        var prime = transaction.HashGetAllAsync(EngagementLayout.Prime(Ns, month, territory));
        var final = ReadFinal(transaction, month);
        await transaction.ExecuteAsync();
        telemetry.KeysRead.Add(5);
        return (await final, ParsePrime(await prime));
    }

    /// <summary>Every territory with facts in the month; territories first, then their counters in one transaction.</summary>
    public async Task<IReadOnlyList<TerritoryEarnings>> ReadMonthAsync(UtcMonth month)
    {
        var db = redis.GetDatabase();
        var territories = (await db.SetMembersAsync(EngagementLayout.Territories(Ns, month))).Select(t => (string)t!).ToList();
        if (territories.Count == 0)
        {
            return [];
        }
        var transaction = db.CreateTransaction();
        var reads = territories.Select(t => (
            Territory: t,
            Prime: transaction.HashGetAllAsync(EngagementLayout.Prime(Ns, month, t)),
            Offers: transaction.HashGetAllAsync(EngagementLayout.Offers(Ns, month, t)))).ToList();
        await transaction.ExecuteAsync();
        telemetry.KeysRead.Add(1 + 2 * territories.Count);
        var answer = new List<TerritoryEarnings>(reads.Count);
        foreach (var read in reads)
        {
            answer.Add(new TerritoryEarnings(read.Territory, ParsePrime(await read.Prime), ParseOffers(await read.Offers)));
        }
        return answer;
    }

    /// <summary>
    /// Final once the engagement service closed the month; a month that never had facts is final once the watermark
    /// has passed it by the service's lateness (any fact for it would be ignored).
    /// </summary>
    private Task<bool> ReadFinal(ITransaction transaction, UtcMonth month)
    {
        var closed = transaction.HashExistsAsync(EngagementLayout.FinalMonths(Ns), month.ToString());
        var open = transaction.HashExistsAsync(EngagementLayout.OpenMonths(Ns), month.ToString());
        var state = transaction.HashGetAsync(EngagementLayout.StateKey(Ns), [EngagementLayout.State.Watermark, EngagementLayout.State.LatenessMs]);
        return Decide();

        async Task<bool> Decide()
        {
            if (await closed) return true;
            if (await open) return false;
            var values = await state;
            return values[0].TryParse(out long watermark) && values[1].TryParse(out long latenessMs) &&
                   MonthFinality.IsFinal(month, watermark, TimeSpan.FromMilliseconds(latenessMs));
        }
    }

    /// <summary>One field per unit: <c>{unit}</c> → <c>"{customers} {watchedMs}"</c>.</summary>
    private static List<PrimeUnit> ParsePrime(HashEntry[] entries)
    {
        var units = new List<PrimeUnit>(entries.Length);
        foreach (var entry in entries)
        {
            if (EngagementLayout.TryParsePrimeValue(((ReadOnlyMemory<byte>)entry.Value).Span, out var customers, out var watchedMs) &&
                EngagementLayout.TryParseUnit(entry.Name!, out var kind, out var id))
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
