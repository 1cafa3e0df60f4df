using MassTransit;
using Streaming.Contracts.Playback;
using Streaming.Sessionization.Domain;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// Decodes each playback message on its own, before it joins a batch: a message that cannot be decoded (packed bytes
/// our reader refuses, an event type it does not know, no message id) faults alone and goes to the _error queue
/// with its exception, instead of faulting the batch and sending its healthy company there with it. The decoded
/// message rides on the context (<see cref="Decoded"/>) to <see cref="PlaybackEventsConsumer"/>.
/// </summary>
public sealed class PlaybackDecoding :
    IFilter<ConsumeContext<PackedPlaybackEventsAccepted>>,
    IFilter<ConsumeContext<PlaybackEventsAccepted>>
{
    public Task Send(ConsumeContext<PackedPlaybackEventsAccepted> context, IPipe<ConsumeContext<PackedPlaybackEventsAccepted>> next)
    {
        context.GetOrAddPayload(() => Decode(context, context.Message.ToUnpacked));
        return next.Send(context);
    }

    public Task Send(ConsumeContext<PlaybackEventsAccepted> context, IPipe<ConsumeContext<PlaybackEventsAccepted>> next)
    {
        context.GetOrAddPayload(() => Decode(context, () => context.Message));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("playback-decoding");

    /// <summary>The message as the batch processor takes it; throws (poison) when it is not one.</summary>
    public static Decoded Decode(ConsumeContext context, Func<PlaybackEventsAccepted> read)
    {
        // The broker message id is each message's identity: a redelivery carries the same one.
        var id = context.MessageId ?? throw new FormatException("a playback batch needs a MessageId");
        var batch = read();
        foreach (var e in batch.Events)
        {
            if (!PlaybackKinds.TryParse(e.Type, out _)) throw new FormatException($"event {e.EventId} has unknown type '{e.Type}'");
        }
        return new Decoded(new BatchMessage(id, batch));
    }

    /// <summary>The payload a decoded message carries.</summary>
    public sealed record Decoded(BatchMessage Message);
}
