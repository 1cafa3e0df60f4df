using MassTransit;
using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// Thin adapter: each message of a partition queue into <see cref="PlaybackBatches"/>, which applies it together with
/// the others waiting for its partition (one Redis load, one commit and one facts publication for all of them). Ingest
/// sends the packed form; the JSON-list form is still consumed so messages from an older ingest drain during an
/// upgrade. Each message was decoded on its own before (<see cref="PlaybackDecoding"/>), so poison faults alone; a
/// message being retried is applied in a batch of its own, so one that fails every batch it is in cannot take its
/// company to the error queue with it.
/// </summary>
public sealed class PlaybackEventsConsumer(PlaybackBatches batches) :
    IConsumer<PackedPlaybackEventsAccepted>,
    IConsumer<PlaybackEventsAccepted>
{
    public Task Consume(ConsumeContext<PackedPlaybackEventsAccepted> context) => Apply(context, Decoded(context, context.Message.ToUnpacked));

    public Task Consume(ConsumeContext<PlaybackEventsAccepted> context) => Apply(context, Decoded(context, () => context.Message));

    private Task Apply(ConsumeContext context, BatchMessage message) =>
        batches.Batcher.ApplyAsync(message.Batch.Partition, new PlaybackBatches.Received(context, message), alone: context.GetRetryAttempt() > 0);

    private static BatchMessage Decoded(ConsumeContext message, Func<PlaybackEventsAccepted> read) =>
        (message.TryGetPayload(out PlaybackDecoding.Decoded? decoded) ? decoded : PlaybackDecoding.Decode(message, read)).Message;
}
