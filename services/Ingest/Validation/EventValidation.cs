namespace Streaming.Ingest.Validation;

/// <summary>The outcome of validating one event: the event when every field is valid, otherwise its errors.</summary>
public sealed record EventValidation<TEvent> where TEvent : class
{
    private EventValidation(TEvent? accepted, IReadOnlyList<FieldError> errors) => (Accepted, Errors) = (accepted, errors);

    public TEvent? Accepted { get; }

    /// <summary>Every broken rule, in the order the validator checks the fields; empty when accepted.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    public bool IsValid => Accepted is not null;

    public static EventValidation<TEvent> Valid(TEvent accepted) => new(accepted, []);

    public static EventValidation<TEvent> Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("an invalid event needs an error", nameof(errors));
}
