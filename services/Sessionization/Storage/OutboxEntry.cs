using System.Diagnostics;
using System.Text.Json;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A facts message as it waits in a partition's outbox, packed as it is published (about a tenth of its JSON), with
/// the trace context of the batch that committed it, so that publishing it after a crash still continues that
/// batch's trace, and when it was committed, so the sweep (<see cref="Publishing.OutboxSweeper"/>) leaves young entries to the
/// batch that is publishing them. Entries written by earlier versions (facts as JSON, with or without a trace context,
/// without a commit time) still read; one without a commit time counts as old.
/// </summary>
public sealed record OutboxEntry(PackedStreamActivityRecorded Facts, string? TraceParent, string? TraceState, DateTimeOffset? CommittedAt = null)
{
    public static string Serialize(PackedStreamActivityRecorded facts, Activity? committing, DateTimeOffset? committedAt = null) =>
        JsonSerializer.Serialize(new Stored(facts, committing?.Id, committing?.TraceStateString, committedAt?.ToUnixTimeMilliseconds()));

    /// <summary>Reads an entry of any of the three formats.</summary>
    public static OutboxEntry Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty(nameof(Stored.Packed), out _))
        {
            var stored = JsonSerializer.Deserialize<Stored>(root)!;
            return new OutboxEntry(stored.Packed ?? throw new JsonException("an outbox entry without facts"), stored.TraceParent, stored.TraceState,
                stored.CommittedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        }
        if (root.TryGetProperty(nameof(Facts), out _))
        {
            var older = JsonSerializer.Deserialize<JsonFactsEntry>(root)!;
            return new OutboxEntry(older.Facts.ToPacked(), older.TraceParent, older.TraceState);
        }
        return new OutboxEntry(JsonSerializer.Deserialize<StreamActivityRecorded>(root)!.ToPacked(), null, null);
    }

    /// <summary>The committing batch's span, or default when the entry has none.</summary>
    public ActivityContext CommittedBy =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : default;

    private sealed record Stored(PackedStreamActivityRecorded Packed, string? TraceParent, string? TraceState, long? CommittedAtMs = null);

    /// <summary>The format before facts were packed: the facts as JSON objects beside the trace context.</summary>
    private sealed record JsonFactsEntry(StreamActivityRecorded Facts, string? TraceParent, string? TraceState);
}
