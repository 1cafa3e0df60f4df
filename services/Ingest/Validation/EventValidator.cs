using System.Text.Json;

namespace Streaming.Ingest.Validation;

/// <summary>
/// Validates one event of a batch from its JSON, field by field, so a client learns every problem of an event at
/// once. A kind of event (playback, later subscription) only says which fields it reads in <see cref="Read"/>.
/// </summary>
public abstract class EventValidator<TEvent> where TEvent : class
{
    /// <summary>The kind of event read, e.g. "playback": the <c>kind</c> tag of the ingest counters.</summary>
    public abstract string Kind { get; }

    public EventValidation<TEvent> Validate(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return EventValidation<TEvent>.Invalid([new FieldError("event", "must be a JSON object")]);
        }
        var fields = new EventFields(element);
        var accepted = Read(fields);
        if (fields.HasErrors)
        {
            return EventValidation<TEvent>.Invalid(fields.Errors);
        }
        return EventValidation<TEvent>.Valid(
            accepted ?? throw new InvalidOperationException($"{GetType().Name} built no event and reported no error"));
    }

    /// <summary>Reads every field (each failing read records its error) and builds the event when none failed.</summary>
    protected abstract TEvent? Read(EventFields fields);
}
