using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Streaming.Bench.LoadGen.Wire;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Benchmark.Subscriptions;

/// <summary>
/// Synthetic subscription traffic for one run: <c>keys</c> subscribers spread over <c>channels</c> channels
/// (<c>bench-{tag}-ch00</c>…), each going trial → paid → cancelled → trial… one event per hour of event time,
/// interleaved step by step (every subscriber's event n before any subscriber's event n+1), so event time only moves
/// forward and every transition is valid. Subscribers live at six UTC offsets, half-hour ones included. Event time
/// ends before now, so nothing is in the future.
/// </summary>
public sealed class SubscriptionLoad : ISyntheticLoad
{
    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(-8), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(1), new(5, 30, 0), TimeSpan.FromHours(9)];
    private static readonly string[] Marketplaces = ["US", "US", "GB", "DE", "IN", "JP"];

    private readonly string _tag = "s" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    private readonly Subscriber[] _subscribers;
    private readonly int _partitions;

    private sealed record Subscriber(string Customer, string Channel, int Zone, int Partition);

    public SubscriptionLoad(int keys, int channels, int partitions)
    {
        _partitions = partitions;
        _subscribers = new Subscriber[keys];
        for (var k = 0; k < keys; k++)
        {
            var (customer, channel) = ($"{_tag}-c{k}", $"bench-{_tag}-ch{k % channels:D2}");
            _subscribers[k] = new Subscriber(customer, channel, k % Offsets.Length, SubscriptionPartitioning.PartitionOf(customer, channel, partitions));
        }
    }

    public string Tag => _tag;

    public IReadOnlyCollection<string> TitleIds => [];

    public IReadOnlyCollection<string> ChannelIds => [.. _subscribers.Select(s => s.Channel).Distinct(StringComparer.Ordinal)];

    public List<RequestBatch> Generate(int events, int batch, SlabBuffer slabs)
    {
        var steps = (events + _subscribers.Length - 1) / _subscribers.Length;
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-steps - 2).ToUnixTimeSeconds());
        var scratch = new ArrayBufferWriter<byte>(batch * 200);
        using var writer = new Utf8JsonWriter(scratch, JsonArrayBody.WriterOptions);
        var batches = new List<RequestBatch>(events / batch + 1);
        for (var first = 0; first < events; first += batch)
        {
            var count = Math.Min(batch, events - first);
            var perPartition = new int[_partitions];
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            writer.WriteStartArray();
            for (var i = first; i < first + count; i++)
            {
                var (step, k) = Math.DivRem(i, _subscribers.Length);
                var s = _subscribers[k];
                SubscriptionEventJson.Write(writer, new SubscriptionEvent
                {
                    EventId = $"{_tag}-{i}",
                    Type = SubscriptionTypes.All[step % SubscriptionTypes.All.Count], // trial → paid → cancelled → trial…
                    OccurredAt = start.AddHours(step).AddSeconds(k % 3600).ToOffset(Offsets[s.Zone]),
                    CustomerId = s.Customer,
                    ChannelId = s.Channel,
                    Marketplace = Marketplaces[s.Zone],
                });
                perPartition[s.Partition]++;
            }
            writer.WriteEndArray();
            writer.Flush();
            batches.Add(new RequestBatch(slabs.Append(scratch.WrittenSpan), count, perPartition));
        }
        return batches;
    }
}
