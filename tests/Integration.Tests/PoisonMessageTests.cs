using MassTransit;
using Streaming.Contracts.Playback;

namespace Streaming.Integration.Tests;

/// <summary>
/// A message sessionization can never decode goes to its partition's _error queue alone, with its exception in the
/// headers; the healthy messages of the batch it arrived in are counted exactly, once.
/// </summary>
public sealed class PoisonMessageTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private const int Partition = 1;

    [Fact]
    public async Task Undecodable_messages_go_to_error_alone_and_their_batch_counts_exactly()
    {
        await using var pipeline = new Pipeline(deps, "poison");
        var queue = PlaybackPartitioning.QueueName(pipeline.Namespace + ".", Partition);
        var endpoint = await pipeline.IngestServices.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}"));
        var events = TwoTitles().Select(WireEvents.PlaybackRecord).ToList();
        var (packedId, unknownTypeId, notJsonId) = (NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid());

        // Queued while sessionization is down, so its first batch holds them all (20 messages at most): the twelve
        // events in six healthy messages, and between them three it can never decode.
        for (var m = 0; m < 6; m++)
        {
            await endpoint.Send(Healthy(events.Skip(2 * m).Take(2)).ToPacked());
            if (m != 2) continue;
            // MassTransit reads it as the message type, but the packed bytes say 3 events where 2 were promised.
            await endpoint.Send(new PackedPlaybackEventsAccepted { Partition = Partition, AcceptedAt = T0, EventCount = 2, Events = [1, 3, 0] },
                c => c.MessageId = packedId);
            await endpoint.Send(Healthy([events[0] with { EventId = "x1", Type = "rewind" }]), c => c.MessageId = unknownTypeId);
        }
        await deps.PublishRawAsync(queue, notJsonId.ToString(), "this is not JSON");
        pipeline.StartSessionization();

        await pipeline.WaitForProcessedAsync(12);
        await Eventually.UntilAsync(() => deps.QueueMessagesAsync(queue + "_error"), n => n == 3, "the three poison messages in _error");
        var errors = (await deps.PeekAsync(queue + "_error")).ToDictionary(e => e.MessageId!, e => e.Headers);

        Assert.Equal(new[] { packedId, unknownTypeId, notJsonId }.Select(id => id.ToString()).Order(), errors.Keys.Order());
        Assert.Equal("System.FormatException", errors[packedId.ToString()]["MT-Fault-ExceptionType"]);
        Assert.Equal("event x1 has unknown type 'rewind'", errors[unknownTypeId.ToString()]["MT-Fault-Message"]);
        Assert.NotNull(errors[notJsonId.ToString()]["MT-Fault-ExceptionType"]);
        // A 2.00 min / 3 streams, B 3.75 min / 1 stream (EndToEndTests' TwoTitles), each event once.
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));
        Assert.Equal(12, await pipeline.ProcessedAsync());
        Assert.Equal(0, await deps.QueueMessagesAsync(queue));
    }

    private static PlaybackEventsAccepted Healthy(IEnumerable<PlaybackEvent> events) =>
        new() { Partition = Partition, AcceptedAt = DateTimeOffset.UtcNow, Events = [.. events] };
}
