using System.Diagnostics.CodeAnalysis;
using Streaming.Gateway.Channels;
using Streaming.Gateway.Queries;
using Streaming.Tenancy;

namespace Streaming.Gateway.Live;

/// <summary>
/// A checked live query: the titles (none: every title), sorted ordinal and distinct, and the channel (null: every
/// channel), of the distributor whose key asked (null: the operator, every title and channel). Titles are checked as
/// the performance query checks them, the channel as the channel query does.
/// </summary>
public sealed record LiveQuery(IReadOnlyList<string> TitleIds, string? ChannelId, string? DistributorId = null)
{
    /// <summary>
    /// The filter set as one string, equal for equal queries (the record compares its list by reference), distributor
    /// included: two distributors' "every title" are different sets. Ids hold no control characters, so the separators
    /// cannot occur in them.
    /// </summary>
    public string FilterKey => string.Join('\u001f', TitleIds) + "\u001e" + ChannelId + "\u001d" + DistributorId;

    /// <summary>
    /// What one update reads, by the catalog of the moment (a title moved away stops counting at once): a
    /// distributor's filtered titles it still owns, else all of its titles; likewise channels. The operator's query
    /// reads the all-titles and all-channels counters where it does not filter.
    /// </summary>
    public LiveSelection Select(Func<TenancySnapshot> catalog)
    {
        if (DistributorId is not { } distributor)
        {
            return new LiveSelection(TitleIds.Count == 0 ? null : TitleIds, ChannelId is null ? null : [ChannelId]);
        }
        var current = catalog();
        return new LiveSelection(
            TitleIds.Count == 0 ? current.TitlesOf(distributor) : [.. TitleIds.Where(t => current.OwnsTitle(distributor, t))],
            ChannelId is null ? current.ChannelsOf(distributor) : current.OwnsChannel(distributor, ChannelId) ? [ChannelId] : []);
    }

    public static bool TryParse(
        IReadOnlyList<string>? titleIds, string? channelId, [NotNullWhen(true)] out LiveQuery? query, out Dictionary<string, string[]> errors)
    {
        query = null;
        errors = [];
        var titles = PerformancePlanner.ParseTitleIds(titleIds ?? [], errors);
        // One optional value: empty means every channel, as an empty single value means the default elsewhere.
        var channel = string.IsNullOrEmpty(channelId) ? null : channelId;
        if (channel is not null)
        {
            ChannelPlanner.CheckChannelId(channel, errors);
        }
        if (errors.Count > 0)
        {
            return false;
        }
        query = new LiveQuery([.. titles.Order(StringComparer.Ordinal)], channel);
        return true;
    }
}

/// <summary>What one live update reads: these titles and channels, or every one where null (the all-titles counters); an empty list reads nothing.</summary>
public sealed record LiveSelection(IReadOnlyList<string>? TitleIds, IReadOnlyList<string>? ChannelIds);
