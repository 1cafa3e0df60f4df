using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Streaming.Bench.LoadGen.Wire;
using Streaming.Contracts.Playback;

namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// The data the query benchmark reads: <see cref="Titles"/> titles (<c>bench-q{tag}-t0000</c>...), each with one stream
/// in every UTC hour of September <see cref="Year"/>: a <c>play</c> at the hour plus (title mod 840) seconds and a
/// <c>heartbeat</c> 30 s later, so each stream is 2 events, 1 opening and 30,000 ms watched, all in the hour's
/// first quarter. 1,000 titles × 720 hours × 2 = 1.44 M events, as issue 13 counts them. Each title is one stream
/// One customer watches every title on <see cref="Devices"/> devices in turn (hour mod 8), so each (title, device) stream
/// key comes back every 8 hours: its next play opens a new stream and adds nothing to the previous one
/// (docs/metrics.md), so the figures below are exact. With the title and device the only parts that vary, the keys
/// spread evenly over the partitions (with one device, customer ids repeating the title's number all hashed to one).
/// </summary>
public sealed record QuerySeed(string Tag, int Titles, int Year)
{
    public const int Month = 9;
    public const int EventsPerStream = 2;
    public const long WatchedMsPerStream = 30_000;

    /// <summary>
    /// Devices per title, used in turn: a stream key's next events are this many hours later, so this many hours may be
    /// in flight at once (see QueryBench's seeding).
    /// </summary>
    public const int Devices = 8;
    private static readonly string[] Marketplaces = ["US", "GB", "DE", "JP", "FR", "BR", "IN"];
    private static readonly string[] Offers = [PlaybackOffers.Prime, PlaybackOffers.Avod, PlaybackOffers.Tvod];

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public int Hours => (LastDay.DayNumber - FirstDay.DayNumber + 1) * 24;
    public long Events => (long)Titles * Hours * EventsPerStream;

    /// <summary>The query string's period: the whole month, UTC, both days inclusive.</summary>
    public string Period => string.Create(CultureInfo.InvariantCulture, $"from={FirstDay:yyyy-MM-dd}&to={LastDay:yyyy-MM-dd}");

    public string TitleId(int title) => string.Create(CultureInfo.InvariantCulture, $"bench-q{Tag}-t{title:D4}");

    public IReadOnlyList<string> TitleIds => [.. Enumerable.Range(0, Titles).Select(TitleId)];

    /// <summary>What every seeded title has over the month (and, being new, over all time).</summary>
    public long StreamsPerTitle => Hours;
    public decimal MinutesPerTitle => Hours * WatchedMsPerStream / 60_000m;

    /// <summary>What one hour bucket holds over <paramref name="titles"/> of the seeded titles.</summary>
    public static (long Streams, decimal Minutes) PerHour(int titles) => (titles, titles * WatchedMsPerStream / 60_000m);

    /// <summary>
    /// The events of hour <paramref name="hour"/> (0 = the month's first) of every title, in request bodies of at most
    /// <paramref name="batch"/> events; a key's two events of the hour are 30 s apart (the allowed lateness is 60 min).
    /// </summary>
    public List<RequestBatch> Hour(int hour, int batch, SlabBuffer slabs)
    {
        var start = new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(hour);
        var scratch = new ArrayBufferWriter<byte>(Math.Min(batch, Titles * EventsPerStream) * 320);
        using var writer = new Utf8JsonWriter(scratch, JsonArrayBody.WriterOptions);
        var bodies = new List<RequestBatch>();
        var events = Enumerable.Range(0, Titles).SelectMany(t => Stream(t, hour, start)).ToList();
        foreach (var chunk in events.Chunk(batch))
        {
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            writer.WriteStartArray();
            foreach (var e in chunk) EventJson.Write(writer, e);
            writer.WriteEndArray();
            writer.Flush();
            bodies.Add(new RequestBatch(slabs.Append(scratch.WrittenSpan), chunk.Length, []));
        }
        return bodies;
    }

    private IEnumerable<PlaybackEvent> Stream(int title, int hour, DateTimeOffset hourStart)
    {
        var play = hourStart.AddSeconds(title % 840);
        var head = new PlaybackEvent
        {
            EventId = string.Create(CultureInfo.InvariantCulture, $"q{Tag}-{title}-{hour}-p"),
            Type = PlaybackTypes.Play,
            OccurredAt = play,
            CustomerId = $"q{Tag}-c",
            DeviceId = string.Create(CultureInfo.InvariantCulture, $"q{Tag}-d{hour % Devices}"),
            TitleId = TitleId(title),
            Marketplace = Marketplaces[title % Marketplaces.Length],
            Offer = Offers[title % Offers.Length],
            PositionSeconds = 0,
        };
        yield return head;
        yield return head with
        {
            EventId = string.Create(CultureInfo.InvariantCulture, $"q{Tag}-{title}-{hour}-h"),
            Type = PlaybackTypes.Heartbeat,
            OccurredAt = play.AddMilliseconds(WatchedMsPerStream),
            PositionSeconds = 30,
        };
    }
}
