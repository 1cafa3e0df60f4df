using System.Globalization;
using Streaming.PartitionedState.Storage;
using Streaming.PartitionedState.Window;

namespace Streaming.PartitionedState.Tests;

/// <summary>The smallest event a window holds: an id and an instant (in seconds, to keep the arithmetic readable).</summary>
public readonly record struct Toy(string EventId, long AtMs) : IWindowEvent<Toy>
{
    public static Toy At(string id, long seconds) => new(id, seconds * 1000);

    public int CompareTo(Toy other)
    {
        var byTime = AtMs.CompareTo(other.AtMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(EventId, other.EventId);
    }
}

/// <summary>
/// An order-sensitive toy rule: the first event of a key counts one "start"; every later event counts the seconds
/// since the event before it as "gap". Over a whole history: starts 1, gap = newest − oldest.
/// </summary>
public readonly struct GapFold(long latenessSeconds) : IWindowFold<Toy, Toy?, Dictionary<string, long>>
{
    public long AllowedLatenessMs => latenessSeconds * 1000;

    public Toy? Advance(Toy? state, in Toy e) => e;

    public Toy? Count(Toy? state, in Toy e, Dictionary<string, long> into, int sign)
    {
        if (state is { } previous) Add(into, "gap", sign * (e.AtMs - previous.AtMs) / 1000);
        else Add(into, "starts", sign);
        return e;
    }

    public string? EventIdOf(Toy? state) => state?.EventId;

    public static void Add(Dictionary<string, long> into, string key, long by)
    {
        var sum = into.GetValueOrDefault(key) + by;
        if (sum == 0) into.Remove(key);
        else into[key] = sum;
    }
}

/// <summary>A toy timeline and its hash format: an event is its instant, the anchor the anchor event's id and instant.</summary>
public sealed class ToyTimeline(Toy? anchor, IEnumerable<Toy> events, long? maxSeenMs) : EventWindow<Toy, Toy?>(anchor, events, maxSeenMs)
{
    public ToyTimeline() : this(null, [], null)
    {
    }
}

public sealed class ToyFormat : ITimelineFormat<Toy, Toy?, ToyTimeline>
{
    public static readonly ToyFormat Instance = new();

    public string EncodeEvent(in Toy e) => e.AtMs.ToString(CultureInfo.InvariantCulture);

    public Toy DecodeEvent(string eventId, string value) => new(eventId, long.Parse(value, CultureInfo.InvariantCulture));

    public string EncodeAnchor(Toy? anchor) => $"{anchor!.Value.EventId}{TimelineHash.Separator}{anchor.Value.AtMs}";

    public ToyTimeline Restore(string? anchor, List<Toy> events, long? maxSeenMs)
    {
        if (anchor is null) return new ToyTimeline(null, events, maxSeenMs);
        var p = anchor.Split(TimelineHash.Separator);
        return new ToyTimeline(new Toy(p[0], long.Parse(p[1], CultureInfo.InvariantCulture)), events, maxSeenMs);
    }
}
