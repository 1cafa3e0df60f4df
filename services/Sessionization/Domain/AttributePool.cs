using System.Collections.Concurrent;

namespace Streaming.Sessionization.Domain;

/// <summary>
/// One shared instance per distinct marketplace, offer and season text. Timelines keep these on every event for an
/// hour; without sharing, each decoded message would keep its own copies alive. Bounded, so ids a client invents
/// cannot grow it without limit: past the bound, texts are simply not shared.
/// </summary>
public static class AttributePool
{
    private const int Capacity = 100_000;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string Share(string text)
    {
        if (Pool.TryGetValue(text, out var shared)) return shared;
        return Pool.Count < Capacity ? Pool.GetOrAdd(text, text) : text;
    }

    public static string? ShareOptional(string? text) => text is null ? null : Share(text);
}
