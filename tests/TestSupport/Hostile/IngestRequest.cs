namespace Streaming.TestSupport.Hostile;

/// <summary>The limits ingest runs with; they decide some answers (its defaults unless a test says otherwise).</summary>
public sealed record IngestLimits(int MaxEvents = 10_000, int MaxBytes = 1024 * 1024, int Listed = 100);

/// <summary>
/// A request ready to send and the answer it must get: 202 with exactly the elements' verdicts, or a problem of
/// <see cref="Status"/> that names <see cref="Names"/> (<c>body</c>: errors.body; otherwise that limit's member).
/// </summary>
public sealed record IngestRequest(
    string Note, string Path, byte[] Body, string? ContentType, int Status, string? Names, IReadOnlyList<GeneratedElement> Elements)
{
    public const string Body400 = "body";

    public IEnumerable<GeneratedElement> Valid => Elements.Where(e => e.IsValid);
}

/// <summary>A generated request before its eventIds are made unique (<see cref="Render"/>).</summary>
public sealed record IngestCase(
    string Route, string Note, int Status, string? Names, string? Text, IReadOnlyList<GeneratedElement> Elements,
    bool Single, string Space, bool Bom, string? ContentType, string Query)
{
    /// <summary>Request <paramref name="number"/> (unique within a run), as bytes.</summary>
    public IngestRequest Render(int number)
    {
        var elements = Elements.Select((e, i) => e.Render(number, i)).ToList();
        var text = Text ?? (Single
            ? elements[0].Json
            : "[" + Space + string.Join("," + Space, elements.Select(e => e.Json)) + Space + "]");
        return new IngestRequest(Note, Route + Query, JsonText.Encode((Bom ? "\uFEFF" : "") + text), ContentType, Status, Names,
            Text is null ? elements : []);
    }
}
