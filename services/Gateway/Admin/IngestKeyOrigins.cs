using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Tenancy;

namespace Streaming.Gateway.Admin;

/// <summary>The <c>origins</c> of <c>POST /v1/admin/ingest-keys</c>: the web origins whose pages may use a player key.</summary>
public static class IngestKeyOrigins
{
    private const string Field = "origins";

    /// <summary>
    /// The origins normalized as browsers send them, duplicates dropped (null: none given, any origin may use the key),
    /// or a 400 problem naming <c>origins</c>: given for a billing key, empty, more than
    /// <see cref="WebOrigins.MaxPerKey"/>, or holding something that is not an origin.
    /// </summary>
    public static (IReadOnlyList<string>? Origins, ProblemHttpResult? Problem) Read(string kind, string?[]? given)
    {
        if (given is null) return (null, null);
        if (kind != KeyKinds.Player)
        {
            return (null, AdminProblems.Invalid(Field, $"only player keys take origins: a {kind} key is used by servers, which CORS does not concern"));
        }
        if (given.Length is 0 or > WebOrigins.MaxPerKey)
        {
            return (null, AdminProblems.Invalid(Field,
                $"1-{WebOrigins.MaxPerKey} origins, or leave origins out so that pages of every origin may use the key"));
        }
        var origins = new List<string>(given.Length);
        for (var i = 0; i < given.Length; i++)
        {
            if (WebOrigins.Normalize(given[i]) is not { } origin)
            {
                return (null, AdminProblems.Invalid(Field, $"origins[{i}] is not {WebOrigins.Rule}"));
            }
            if (!origins.Contains(origin)) origins.Add(origin);
        }
        return (origins, null);
    }
}
