using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Streaming.Bench.LoadGen.Wire;
using Streaming.Contracts.Playback;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// Synthetic benchmark traffic for one run: <c>keys</c> stream keys (customer, device, title), each a play then
/// heartbeats 30 s apart in event time, interleaved step by step (every key's event n before any key's event n+1),
/// so event time only moves forward. Ids carry a random run tag: event ids are unique per run and the titles
/// (<c>bench-{tag}-t000</c>...) never mix with other data. Event time is now, as live traffic's is: a run's events span
/// at most the <see cref="Span"/> before the moment they are generated (a key's events 30 s apart, closer when a run
/// has more than 4 per key), so every stream is still playing while the pipeline works through them and the live
/// view's playing-now sets are part of what is measured. With an age (<c>--event-age</c>), the span ends that long before
/// generation instead: a day-old run is the traffic the first measurements used, which the live view leaves alone.
/// </summary>
public sealed class SyntheticLoad : ISyntheticLoad
{
    private static readonly string[] Marketplaces = ["US", "GB", "DE", "JP", "FR", "BR", "IN"];

    private readonly string _tag = "b" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    /// <summary>The longest a run's event time spans, ending when it is generated: within the 120-s playing gap.</summary>
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(90);

    private DateTimeOffset _base;
    private double _stepMs = 30_000;
    private readonly Key[] _keys;

    private sealed record Key(string Customer, string Device, string Title, string? Season, string Marketplace, string Offer, string? Channel, int Partition);

    private readonly long _ageMs;

    public SyntheticLoad(int keys, int titles, int partitions, TimeSpan age = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        _ageMs = (long)age.TotalMilliseconds;
        _keys = new Key[keys];
        for (var k = 0; k < keys; k++)
        {
            var title = k % titles;
            var offer = (k % 10) switch { < 7 => PlaybackOffers.Prime, 7 => PlaybackOffers.Avod, 8 => PlaybackOffers.Tvod, _ => PlaybackOffers.Channel };
            var key = new Key($"{_tag}-c{k}", $"{_tag}-d{k}", $"bench-{_tag}-t{title:D3}",
                title % 3 == 0 ? $"bench-{_tag}-s{title % 30:D2}" : null, Marketplaces[k % Marketplaces.Length],
                offer, offer == PlaybackOffers.Channel ? $"ch-{k % 4}" : null, 0);
            _keys[k] = key with { Partition = PlaybackPartitioning.PartitionOf(key.Customer, key.Device, key.Title, partitions) };
        }
        Partitions = partitions;
    }

    public string Tag => _tag;

    public IReadOnlyCollection<string> TitleIds => [.. _keys.Select(k => k.Title).Distinct(StringComparer.Ordinal)];

    public IReadOnlyCollection<string> ChannelIds => [];
    public int Partitions { get; }

    /// <summary>Serialises events [0, events) into request bodies of <paramref name="batch"/> events.</summary>
    public List<RequestBatch> Generate(int events, int batch, SlabBuffer slabs)
    {
        var steps = (events + _keys.Length - 1) / _keys.Length;
        _stepMs = steps <= 1 ? 30_000 : Math.Min(30_000, Span.TotalMilliseconds / steps);
        _base = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - _ageMs - (long)(steps * _stepMs));
        var scratch = new ArrayBufferWriter<byte>(batch * 320);
        using var writer = new Utf8JsonWriter(scratch, JsonArrayBody.WriterOptions);
        var batches = new List<RequestBatch>(events / batch + 1);
        for (var first = 0; first < events; first += batch)
        {
            var count = Math.Min(batch, events - first);
            var perPartition = new int[Partitions];
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            writer.WriteStartArray();
            for (var i = first; i < first + count; i++)
            {
                var e = EventAt(i);
                EventJson.Write(writer, e);
                perPartition[_keys[i % _keys.Length].Partition]++;
            }
            writer.WriteEndArray();
            writer.Flush();
            batches.Add(new RequestBatch(slabs.Append(scratch.WrittenSpan), count, perPartition));
        }
        return batches;
    }

    private PlaybackEvent EventAt(int i)
    {
        var (step, k) = Math.DivRem(i, _keys.Length);
        var key = _keys[k];
        return new PlaybackEvent
        {
            EventId = $"{_tag}-{i}",
            Type = step == 0 ? PlaybackTypes.Play : PlaybackTypes.Heartbeat,
            OccurredAt = _base.AddMilliseconds(Math.Floor(step * _stepMs + k % 30 * _stepMs / 30)),
            CustomerId = key.Customer,
            DeviceId = key.Device,
            TitleId = key.Title,
            SeasonId = key.Season,
            Marketplace = key.Marketplace,
            Offer = key.Offer,
            ChannelId = key.Channel,
            PositionSeconds = step * 30,
        };
    }
}
