namespace Streaming.Ingest.Validation;

/// <summary>The error of an event for a title or channel the catalog does not hold.</summary>
internal static class CatalogRule
{
    public static string NotInCatalog(string list) => $"not in the catalog (the operator registers it: PUT /v1/admin/{list}/{{id}})";
}
