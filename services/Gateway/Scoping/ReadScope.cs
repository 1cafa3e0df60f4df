using Microsoft.AspNetCore.Http.HttpResults;
using Streaming.Gateway.Admin;
using Streaming.Tenancy;

namespace Streaming.Gateway.Scoping;

/// <summary>
/// What the caller of a read may see: everything (the operator key) or the titles, seasons and channels of one
/// distributor (its access key), as the cached catalog says at the moment of the request, so a title moved to another
/// distributor moves with all its history. A season belongs to the distributor of its title
/// (<see cref="SeesUnit"/>). Bound to the read endpoints as a parameter (<see cref="BindAsync"/>).
/// </summary>
public sealed class ReadScope
{
    private readonly TenancySnapshot? _catalog;

    private ReadScope(string? distributorId, TenancySnapshot? catalog) => (DistributorId, _catalog) = (distributorId, catalog);

    public static ReadScope Everything { get; } = new(null, null);

    public static ReadScope Of(string distributorId, TenancySnapshot catalog) => new(distributorId, catalog);

    /// <summary>The distributor whose numbers these are; null for the operator.</summary>
    public string? DistributorId { get; }

    public bool IsEverything => DistributorId is null;

    public bool SeesTitle(string titleId) => _catalog is null || _catalog.OwnsTitle(DistributorId!, titleId);

    public bool SeesChannel(string channelId) => _catalog is null || _catalog.OwnsChannel(DistributorId!, channelId);

    /// <summary>The distributor's titles, sorted ordinal; null for the operator, who reads every title (the all-titles rollups).</summary>
    public IReadOnlyList<string>? Titles => _catalog?.TitlesOf(DistributorId!);

    /// <summary>The distributor's channels, sorted ordinal; null for the operator.</summary>
    public IReadOnlyList<string>? Channels => _catalog?.ChannelsOf(DistributorId!);

    /// <summary>
    /// Whether an engagement unit is the caller's: a title by the catalog, a season by the title its facts named first
    /// (<paramref name="seasonTitles"/>: season id → title id, as the engagement service records it).
    /// </summary>
    public bool SeesUnit(string kind, string id, IReadOnlyDictionary<string, string> seasonTitles) =>
        _catalog is null || (kind == EngagementRules.EngagementLayout.TitleKind ? SeesTitle(id)
            : seasonTitles.TryGetValue(id, out var titleId) && SeesTitle(titleId));

    /// <summary>
    /// The first of <paramref name="ids"/> this caller may not see, in ordinal order, or null. Another distributor's id
    /// and one that exists nowhere are alike: both answer <see cref="NotFound"/>.
    /// </summary>
    public string? FirstUnseen(IEnumerable<string> ids, Func<string, bool> sees) =>
        IsEverything ? null : ids.Where(id => !sees(id)).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>
    /// 404 problem+json naming the parameter, with the same words whether the id belongs to another distributor or to
    /// nobody, so an answer tells a distributor nothing about the others.
    /// </summary>
    public static ProblemHttpResult NotFound(string field, string what, string id) =>
        AdminProblems.Field(StatusCodes.Status404NotFound, $"No such {what}", field, $"no {what} '{id}' among this key's {what}s");

    /// <summary>
    /// Binds the scope from the request's resolved caller (the read routes let only the operator and distributors in).
    /// Fails closed: a caller of any other kind would see nothing.
    /// </summary>
    public static ValueTask<ReadScope?> BindAsync(HttpContext context)
    {
        var caller = context.Caller();
        return ValueTask.FromResult<ReadScope?>(caller switch
        {
            { IsOperator: true } => Everything,
            { Kind: CallerKind.Distributor, DistributorId: { } id } => Of(id, context.RequestServices.GetRequiredService<TenancyCache>().Current),
            _ => Of("", TenancySnapshot.Empty),
        });
    }
}
