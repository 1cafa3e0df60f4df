using Layout = Streaming.PartitionedState.Layouts.ChannelCounterLayout;
using Metrics = Streaming.PartitionedState.Layouts.ChannelCounterLayout.Metrics;

namespace Streaming.Gateway.Channels;

/// <summary>One local day's counts of a channel, summed over partitions (changes of the active counts included).</summary>
public sealed class DayCounts
{
    public long TrialStarts { get; set; }
    public long PaidConversions { get; set; }
    public long PaidStarts { get; set; }
    public long TrialCancellations { get; set; }
    public long PaidCancellations { get; set; }
    public long ActiveTrialChange { get; set; }
    public long ActivePaidChange { get; set; }
}

/// <summary>A channel's counts for every local day it has, in day order, from the hashes of every partition.</summary>
public sealed class ChannelHistory
{
    private readonly Dictionary<DateOnly, DayCounts> _days = [];

    /// <summary>In day order.</summary>
    public IEnumerable<KeyValuePair<DateOnly, DayCounts>> Days => _days.OrderBy(d => d.Key);

    /// <summary>Sums the channel hashes (fields <c>{yyyyMMdd}|{metric}</c>); fields of another form are skipped.</summary>
    public static ChannelHistory Sum(IEnumerable<IReadOnlyList<KeyValuePair<string, long>>> partitions)
    {
        var history = new ChannelHistory();
        foreach (var (field, value) in partitions.SelectMany(p => p))
        {
            if (!Layout.TryParseDayField(field, out var day, out var metric))
            {
                continue;
            }
            if (!history._days.TryGetValue(day, out var counts))
            {
                history._days[day] = counts = new DayCounts();
            }
            switch (metric)
            {
                case Metrics.TrialStarts: counts.TrialStarts += value; break;
                case Metrics.PaidConversions: counts.PaidConversions += value; break;
                case Metrics.PaidStarts: counts.PaidStarts += value; break;
                case Metrics.TrialCancellations: counts.TrialCancellations += value; break;
                case Metrics.PaidCancellations: counts.PaidCancellations += value; break;
                case Metrics.ActiveTrialChange: counts.ActiveTrialChange += value; break;
                case Metrics.ActivePaidChange: counts.ActivePaidChange += value; break;
            }
        }
        return history;
    }
}
