namespace Streaming.Ingest.Validation;

/// <summary>One broken rule of one event field; the client sees it as "field: message".</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
