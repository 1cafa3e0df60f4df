namespace Streaming.TestSupport.Hostile;

/// <summary>
/// One element of a generated batch: its JSON text, the errors ingest must list for it (in the order its rules are
/// checked; empty when it is valid) and, when valid, the fields of the event ingest must hand on.
/// </summary>
public sealed record GeneratedElement(string Json, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, object?>? Accepted)
{
    public const string NotAnObject = "event: must be a JSON object";

    public bool IsValid => Errors.Count == 0;

    /// <summary>The element of request <paramref name="request"/> at <paramref name="index"/>, its eventId made unique.</summary>
    public GeneratedElement Render(int request, int index)
    {
        if (!Json.Contains(Placeholder.Char))
        {
            return this;
        }
        var unique = Placeholder.Unique(request, index);
        var accepted = Accepted?.ToDictionary(f => f.Key, f => f.Value is string s ? s.Replace(Placeholder.Char.ToString(), unique) : f.Value);
        return new GeneratedElement(Json.Replace(Placeholder.Char.ToString(), unique), Errors, accepted);
    }
}
