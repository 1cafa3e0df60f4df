using System.Diagnostics;
using System.Text.Json;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A facts message as it waits in a partition's outbox, with the trace context of the batch that committed it, so
/// that publishing it after a crash still continues that batch's trace. The items are stored packed (about a tenth
/// of their JSON); entries written by earlier versions (facts as JSON, with or without a trace context) still read.
/// </summary>
public sealed record OutboxEntry(StreamActivityRecorded Facts, string? TraceParent, string? TraceState)
{
    public static string Serialize(StreamActivityRecorded facts, Activity? committing) =>
        JsonSerializer.Serialize(new Stored(facts.ToPacked(), committing?.Id, committing?.TraceStateString));

    /// <summary>Reads an entry of any of the three formats.</summary>
    public static OutboxEntry Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty(nameof(Stored.Packed), out _))
        {
            var stored = JsonSerializer.Deserialize<Stored>(root)!;
            return new OutboxEntry(stored.Packed.ToUnpacked(), stored.TraceParent, stored.TraceState);
        }
        return root.TryGetProperty(nameof(Facts), out _)
            ? JsonSerializer.Deserialize<OutboxEntry>(root)!
            : new OutboxEntry(JsonSerializer.Deserialize<StreamActivityRecorded>(root)!, null, null);
    }

    /// <summary>The committing batch's span, or default when the entry has none.</summary>
    public ActivityContext CommittedBy =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : default;

    private sealed record Stored(PackedStreamActivityRecorded Packed, string? TraceParent, string? TraceState);
}
