using Layout = Streaming.PartitionedState.Layouts.ChannelCounterLayout;

namespace Streaming.Gateway.Channels;

public static class ChannelList
{
    /// <summary>
    /// Sums the <c>channels</c> hashes of every partition (fields <c>activeTrial|{channelId}</c>, <c>activePaid|{channelId}</c>)
    /// into one line per channel the caller may see (<paramref name="sees"/>), sorted by channel id (ordinal).
    /// </summary>
    public static ChannelsResponse Sum(IEnumerable<IReadOnlyList<KeyValuePair<string, long>>> partitions, Func<string, bool> sees)
    {
        var sums = new SortedDictionary<string, (long Trial, long Paid)>(StringComparer.Ordinal);
        foreach (var (field, value) in partitions.SelectMany(p => p))
        {
            if (!Layout.TryParseChannelField(field, out var current, out var channelId) || !sees(channelId))
            {
                continue;
            }
            var sum = sums.GetValueOrDefault(channelId);
            sums[channelId] = current == Layout.Current.ActiveTrial ? (sum.Trial + value, sum.Paid) : (sum.Trial, sum.Paid + value);
        }
        return new ChannelsResponse(sums.Select(s => new ChannelSummary(s.Key, s.Value.Trial, s.Value.Paid)).ToList());
    }
}
