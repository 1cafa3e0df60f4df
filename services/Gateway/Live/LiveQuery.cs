using System.Diagnostics.CodeAnalysis;
using Streaming.Gateway.Channels;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Live;

/// <summary>
/// A checked live query: the titles (none: every title), sorted ordinal and distinct, and the channel (null: every
/// channel). Titles are checked as the performance query checks them, the channel as the channel query does.
/// </summary>
public sealed record LiveQuery(IReadOnlyList<string> TitleIds, string? ChannelId)
{
    /// <summary>
    /// The filter set as one string, equal for equal queries (the record compares its list by reference). Ids hold no
    /// control characters, so the separators cannot occur in them.
    /// </summary>
    public string FilterKey => string.Join('\u001f', TitleIds) + "\u001e" + ChannelId;

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
