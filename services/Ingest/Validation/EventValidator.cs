using System.Text.Json;
using Streaming.Tenancy;

namespace Streaming.Ingest.Validation;

/// <summary>
/// Validates one event of a batch from its JSON, field by field, so a client learns every problem of an event at
/// once. A kind of event (playback, subscription) only says which fields it reads in <see cref="Read"/>; every kind
/// starts with the same four (<see cref="ReadHead"/>). Pure apart from reading the injected clock and catalog.
/// </summary>
public abstract class EventValidator<TEvent>(TimeProvider time, TimeSpan maxFutureSkew, Func<TenancySnapshot> catalog) where TEvent : class
{
    protected const int IdLength = 128;

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

    /// <summary>The catalog in effect: an event for a title or channel outside it is rejected on its own.</summary>
    protected TenancySnapshot Catalog => catalog();

    /// <summary>Reads every field (each failing read records its error) and builds the event when none failed.</summary>
    protected abstract TEvent? Read(EventFields fields);

    /// <summary>
    /// The fields every event starts with, in this order: eventId, type (one of <paramref name="types"/>), occurredAt
    /// (with its offset, at most the allowed skew in the future) and customerId.
    /// </summary>
    protected EventHead ReadHead(EventFields fields, IReadOnlyList<string> types) => new(
        fields.RequiredId("eventId", 64),
        fields.RequiredOneOf("type", types),
        fields.RequiredTimestamp("occurredAt", time.GetUtcNow(), maxFutureSkew),
        fields.RequiredId("customerId", IdLength));

    /// <summary>What <see cref="ReadHead"/> read; a field is null when its read failed.</summary>
    protected readonly record struct EventHead(string? EventId, string? Type, DateTimeOffset? OccurredAt, string? CustomerId);
}
