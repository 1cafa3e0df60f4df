using System.Diagnostics;
using System.Text.Json;
using Streaming.Contracts.Sessionization;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A facts message as it waits in a partition's outbox, with the trace context of the batch that committed it, so
/// that publishing it after a crash still continues that batch's trace.
/// </summary>
public sealed record OutboxEntry(StreamActivityRecorded Facts, string? TraceParent, string? TraceState)
{
    public static string Serialize(StreamActivityRecorded facts, Activity? committing) =>
        JsonSerializer.Serialize(new OutboxEntry(facts, committing?.Id, committing?.TraceStateString));

    /// <summary>Reads an entry; one written before trace contexts were kept is the bare facts message.</summary>
    public static OutboxEntry Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(nameof(Facts), out _)
            ? JsonSerializer.Deserialize<OutboxEntry>(document)!
            : new OutboxEntry(JsonSerializer.Deserialize<StreamActivityRecorded>(document)!, null, null);
    }

    /// <summary>The committing batch's span, or default when the entry has none.</summary>
    public ActivityContext CommittedBy =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : default;
}
