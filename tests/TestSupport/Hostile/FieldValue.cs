namespace Streaming.TestSupport.Hostile;

/// <summary>What a field's rule makes of a value.</summary>
public enum Verdict
{
    /// <summary>The rule takes it.</summary>
    Valid,

    /// <summary>Left out, or JSON null (which counts as left out).</summary>
    Absent,

    /// <summary>Breaks the field's rule: wrong type, length, spelling or encoding.</summary>
    Wrong,

    /// <summary>An identifier of a fitting length that holds a control character.</summary>
    Control,

    /// <summary>A well-formed date-time too far in the future.</summary>
    Future,
}

/// <summary>
/// A value for one field: its JSON text (null: the field is left out), its <see cref="Verdict"/>, and, when valid, the
/// value ingest reads from it (a string, a <see cref="DateTimeOffset"/> or a double; null for an absent optional).
/// </summary>
public sealed record FieldValue(string? Json, Verdict Verdict, object? Read = null)
{
    public static readonly FieldValue Missing = new(null, Verdict.Absent);

    public static readonly FieldValue Null = new("null", Verdict.Absent);

    public static FieldValue Wrong(string json) => new(json, Verdict.Wrong);
}
