using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.Gateway.Live;
using Streaming.PartitionedState.Layouts;
using Streaming.ServiceDefaults;
using Metrics = Streaming.PartitionedState.Layouts.ChannelCounterLayout.Metrics;

namespace Streaming.Gateway.Redis;

/// <summary>
/// Reads everything one live update needs in one pipelined batch, one round trip: per partition the last complete
/// second's applied counts (<see cref="LiveLayout"/>), the playing members still playing at the update's instant
/// (ZCOUNT of the all-titles set, or of each title's), today's performance day hashes (through
/// <see cref="PerformanceCounterReader"/>) and today's UTC-day channel counts (<see cref="ChannelCounterLayout"/>).
/// </summary>
public sealed class LiveReader(IConnectionMultiplexer redis, PerformanceCounterReader counters, IOptions<PipelineOptions> pipeline)
{
    private int Partitions => pipeline.Value.Partitions;
    private string Prefix => pipeline.Value.Prefix;

    public async Task<LiveSnapshot> ReadAsync(LiveSelection selection, LiveInstant instant)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var partitions = Enumerable.Range(0, Partitions).ToList();
        var titles = selection.TitleIds;
        RedisValue[] secondFields = titles is null ? [LiveLayout.AllField] : [.. titles.Select(t => (RedisValue)LiveLayout.TitleField(t))];
        var applied = secondFields.Length == 0 ? [] : partitions
            .Select(p => batch.HashGetAsync(LiveLayout.Second(Prefix, p, instant.LastCompleteSecond), secondFields))
            .ToList();
        var playingKeys = titles is null
            ? partitions.Select(p => LiveLayout.PlayingAll(Prefix, p))
            : partitions.SelectMany(p => titles.Select(t => LiveLayout.PlayingTitle(Prefix, p, t)));
        // Members play while their score (the instant they stop counting) is above now: (now, +inf).
        var playing = playingKeys.Select(k => batch.SortedSetLengthAsync(k, instant.AtMs, double.PositiveInfinity, Exclude.Start)).ToList();
        var today = counters.QueueDays(batch, [instant.Today], titles);
        // Trial starts of every channel asked, then their paid conversions (null: the all-channels fields).
        IReadOnlyList<string?> channels = selection.ChannelIds ?? [null!];
        RedisValue[] channelFields =
        [
            .. channels.Select(c => (RedisValue)ChannelCounterLayout.UtcDayField(Metrics.TrialStarts, c)),
            .. channels.Select(c => (RedisValue)ChannelCounterLayout.UtcDayField(Metrics.PaidConversions, c)),
        ];
        var channel = channelFields.Length == 0 ? [] : partitions
            .Select(p => batch.HashGetAsync(ChannelCounterLayout.UtcDay(Prefix, p, instant.Today), channelFields))
            .ToList();
        batch.Execute();

        var appliedValues = await Task.WhenAll(applied);
        var playingCounts = await Task.WhenAll(playing);
        var channelValues = await Task.WhenAll(channel);
        return new LiveSnapshot(
            appliedValues.Sum(Sum),
            playingCounts.Sum(),
            await today,
            channelValues.Sum(v => Sum(v[..channels.Count])),
            channelValues.Sum(v => Sum(v[channels.Count..])));
    }

    private static long Sum(RedisValue[] values) => values.Sum(AsLong);

    /// <summary>A missing field (or anything not an integer) counts 0.</summary>
    private static long AsLong(RedisValue value) => value.TryParse(out long parsed) ? parsed : 0;
}
