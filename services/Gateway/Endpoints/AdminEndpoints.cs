using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Gateway.Admin;
using Streaming.Tenancy;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// The operator's API under <c>/v1/admin</c>: distributors and their access keys, the catalog (which distributor owns
/// each title and channel) and the ingest keys of players and billing systems. Operator key only. Secrets are in the
/// answer that creates them and nowhere else; Redis holds their SHA-256. Every service sees a change within about
/// a second (<see cref="TenancyCache"/>); this gateway at once.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin").RequireCaller(CallerPolicies.Operator);

        admin.MapPost("/distributors", CreateDistributorAsync)
            .WithName("CreateDistributor")
            .WithSummary("Create a distributor and its first access key (the key is shown this once)")
            .WithDescription("409 when the distributorId is taken. Ids follow the rules of event ids (1-128 characters, no control characters).");

        admin.MapGet("/distributors", ListDistributorsAsync)
            .WithName("ListDistributors")
            .WithSummary("Every distributor");

        admin.MapPost("/distributors/{distributorId}/keys", AddAccessKeyAsync)
            .WithName("CreateAccessKey")
            .WithSummary("Issue another access key to a distributor (shown this once); 404 for an unknown distributor");

        admin.MapGet("/distributors/{distributorId}/keys", ListAccessKeysAsync)
            .WithName("ListAccessKeys")
            .WithSummary("A distributor's access keys: ids and issue times, never the secrets");

        admin.MapDelete("/keys/{keyId}", RevokeKeyAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke an access or ingest key: refused by every service within 5 seconds; 404 for an unknown key");

        admin.MapPut("/titles/{titleId}", PutTitleAsync)
            .WithName("PutTitle")
            .WithSummary("Put a title in the catalog under a distributor (or move it); its seasons follow it")
            .WithDescription("422 when the distributor does not exist. Ingest accepts playback events only for titles of the catalog.");

        admin.MapGet("/titles", ListTitlesAsync)
            .WithName("ListCatalogTitles")
            .WithSummary("The titles of the catalog with their distributors");

        admin.MapPut("/channels/{channelId}", PutChannelAsync)
            .WithName("PutChannel")
            .WithSummary("Put an add-on channel in the catalog under a distributor (or move it)")
            .WithDescription("422 when the distributor does not exist. Ingest accepts subscription events only for channels of the catalog.");

        admin.MapGet("/channels", ListChannelsAsync)
            .WithName("ListCatalogChannels")
            .WithSummary("The channels of the catalog with their distributors");

        admin.MapPost("/ingest-keys", AddIngestKeyAsync)
            .WithName("CreateIngestKey")
            .WithSummary("Issue an ingest key: kind player (playback events) or billing (subscription events); shown this once")
            .WithDescription(
                $"A player key may list origins, the web origins (http(s)://host[:port]) whose pages may post with it; at most " +
                $"{WebOrigins.MaxPerKey}. Ingest answers CORS for them only; without origins, for every origin (a player key is " +
                "public and write-only). A billing key takes no origins: billing systems are servers.");

        admin.MapGet("/ingest-keys", ListIngestKeysAsync)
            .WithName("ListIngestKeys")
            .WithSummary("The ingest keys: ids, names, kinds and issue times, never the secrets");

        return app;
    }

    private static async Task<Results<Created<DistributorCreated>, ProblemHttpResult>> CreateDistributorAsync(
        NewDistributor body, TenancyStore store, TenancyCache cache)
    {
        if (!Identifier.IsValid(body.DistributorId)) return AdminProblems.Invalid("distributorId", AdminProblems.IdRule);
        if (!Identifier.IsValid(body.Name, AdminProblems.NameLength)) return AdminProblems.Invalid("name", AdminProblems.NameRule);
        var issued = await store.CreateDistributorAsync(body.DistributorId!, body.Name!);
        if (issued is null)
        {
            return AdminProblems.Field(StatusCodes.Status409Conflict, "The distributor exists", "distributorId",
                $"distributor '{body.DistributorId}' exists; issue it another key with POST /v1/admin/distributors/{{distributorId}}/keys");
        }
        await cache.RefreshAsync();
        return TypedResults.Created($"/v1/admin/distributors/{Uri.EscapeDataString(body.DistributorId!)}",
            new DistributorCreated(body.DistributorId!, issued.KeyId, issued.Token));
    }

    private static async Task<Ok<DistributorInfo[]>> ListDistributorsAsync(TenancyStore store) =>
        TypedResults.Ok((await store.LoadAsync()).Distributors
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new DistributorInfo(d.Key, d.Value.Name, d.Value.CreatedAt))
            .ToArray());

    private static async Task<Results<Created<AccessKeyCreated>, ProblemHttpResult>> AddAccessKeyAsync(
        string distributorId, TenancyStore store, TenancyCache cache)
    {
        var issued = await store.AddAccessKeyAsync(distributorId);
        if (issued is null) return AdminProblems.UnknownDistributor("distributorId", distributorId, StatusCodes.Status404NotFound);
        await cache.RefreshAsync();
        return TypedResults.Created($"/v1/admin/distributors/{Uri.EscapeDataString(distributorId)}/keys", new AccessKeyCreated(issued.KeyId, issued.Token));
    }

    private static async Task<Results<Ok<AccessKeyInfo[]>, ProblemHttpResult>> ListAccessKeysAsync(string distributorId, TenancyStore store)
    {
        var snapshot = await store.LoadAsync();
        if (!snapshot.Distributors.ContainsKey(distributorId))
        {
            return AdminProblems.UnknownDistributor("distributorId", distributorId, StatusCodes.Status404NotFound);
        }
        return TypedResults.Ok(snapshot.Keys
            .Where(k => k.Value.Kind == KeyKinds.Access && k.Value.DistributorId == distributorId)
            .OrderBy(k => k.Value.CreatedAt).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new AccessKeyInfo(k.Key, k.Value.CreatedAt))
            .ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(string keyId, TenancyStore store, TenancyCache cache)
    {
        if (!await store.RevokeKeyAsync(keyId))
        {
            return AdminProblems.Field(StatusCodes.Status404NotFound, "No such key", "keyId", $"no key '{keyId}' (revoked already, or never issued)");
        }
        await cache.RefreshAsync();
        return TypedResults.NoContent();
    }

    private static Task<Results<Ok<TitleEntry>, ProblemHttpResult>> PutTitleAsync(
        string titleId, CatalogAssignment body, TenancyStore store, TenancyCache cache) =>
        PutEntryAsync("titleId", titleId, body, store.PutTitleAsync, cache, entry => new TitleEntry(titleId, entry.DistributorId, entry.Name));

    private static Task<Results<Ok<ChannelEntry>, ProblemHttpResult>> PutChannelAsync(
        string channelId, CatalogAssignment body, TenancyStore store, TenancyCache cache) =>
        PutEntryAsync("channelId", channelId, body, store.PutChannelAsync, cache, entry => new ChannelEntry(channelId, entry.DistributorId, entry.Name));

    private static async Task<Results<Ok<TAnswer>, ProblemHttpResult>> PutEntryAsync<TAnswer>(
        string idField, string id, CatalogAssignment body, Func<string, StoredEntry, Task<bool>> put, TenancyCache cache, Func<StoredEntry, TAnswer> answer)
    {
        if (!Identifier.IsValid(id)) return AdminProblems.Invalid(idField, AdminProblems.IdRule);
        if (!Identifier.IsValid(body.DistributorId)) return AdminProblems.Invalid("distributorId", AdminProblems.IdRule);
        if (body.Name is not null && !Identifier.IsValid(body.Name, AdminProblems.NameLength))
        {
            return AdminProblems.Invalid("name", $"optional string of 1-{AdminProblems.NameLength} characters without control characters");
        }
        var entry = new StoredEntry(body.DistributorId!, body.Name);
        if (!await put(id, entry))
        {
            return AdminProblems.UnknownDistributor("distributorId", entry.DistributorId, StatusCodes.Status422UnprocessableEntity);
        }
        await cache.RefreshAsync();
        return TypedResults.Ok(answer(entry));
    }

    private static async Task<Ok<TitleEntry[]>> ListTitlesAsync(TenancyStore store) =>
        TypedResults.Ok((await store.LoadAsync()).Titles
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TitleEntry(t.Key, t.Value.DistributorId, t.Value.Name))
            .ToArray());

    private static async Task<Ok<ChannelEntry[]>> ListChannelsAsync(TenancyStore store) =>
        TypedResults.Ok((await store.LoadAsync()).Channels
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ChannelEntry(c.Key, c.Value.DistributorId, c.Value.Name))
            .ToArray());

    private static async Task<Results<Created<IngestKeyCreated>, ProblemHttpResult>> AddIngestKeyAsync(
        NewIngestKey body, TenancyStore store, TenancyCache cache)
    {
        if (!Identifier.IsValid(body.Name, AdminProblems.NameLength)) return AdminProblems.Invalid("name", AdminProblems.NameRule);
        if (body.Kind is not (KeyKinds.Player or KeyKinds.Billing))
        {
            return AdminProblems.Invalid("kind", $"required, one of {string.Join(", ", KeyKinds.Ingest)}");
        }
        var (origins, problem) = IngestKeyOrigins.Read(body.Kind, body.Origins);
        if (problem is not null) return problem;
        var issued = await store.AddIngestKeyAsync(body.Kind, body.Name!, origins);
        await cache.RefreshAsync();
        return TypedResults.Created("/v1/admin/ingest-keys", new IngestKeyCreated(issued.KeyId, issued.Token));
    }

    private static async Task<Ok<IngestKeyInfo[]>> ListIngestKeysAsync(TenancyStore store) =>
        TypedResults.Ok((await store.LoadAsync()).Keys
            .Where(k => k.Value.Kind != KeyKinds.Access)
            .OrderBy(k => k.Value.CreatedAt).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new IngestKeyInfo(k.Key, k.Value.Name ?? "", k.Value.Kind, k.Value.CreatedAt, k.Value.Origins))
            .ToArray());
}
