using Microsoft.Extensions.Options;
using Streaming.PartitionedState.Layouts;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway.Redis;

/// <summary>
/// Reads the channel counters the subscription service writes (layout: <see cref="ChannelCounterLayout"/>): one hash
/// per partition, in one pipelined batch per request, a year of days or ten.
/// </summary>
public sealed class ChannelCounterReader(PerformanceCounterReader hashes, IOptions<PipelineOptions> pipeline)
{
    private int Partitions => pipeline.Value.Partitions;
    private string Prefix => pipeline.Value.Prefix;

    /// <summary>Every day of one channel, one hash per partition.</summary>
    public Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, long>>>> ReadChannelAsync(string channelId) =>
        hashes.ReadAllAsync([.. Enumerable.Range(0, Partitions).Select(p => ChannelCounterLayout.ChannelDays(Prefix, p, channelId))]);

    /// <summary>The <c>channels</c> hash of each partition: every channel seen, with its current active counts.</summary>
    public Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, long>>>> ReadChannelsAsync() =>
        hashes.ReadAllAsync([.. Enumerable.Range(0, Partitions).Select(p => ChannelCounterLayout.Channels(Prefix, p))]);
}
