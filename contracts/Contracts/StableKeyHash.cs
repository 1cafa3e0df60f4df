using System.Text;

namespace Streaming.Contracts;

/// <summary>
/// The partition of a key made of several strings: FNV-1a over their UTF-8 bytes, each followed by a separator.
/// Stable across processes and versions, unlike string.GetHashCode, so every service routes a key alike.
/// </summary>
public static class StableKeyHash
{
    public static int Partition(ReadOnlySpan<string> parts, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        uint hash = 2166136261;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in parts)
        {
            var bytes = part.Length * 3 <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 16777619;
            }
            hash = (hash ^ 0x1f) * 16777619; // separator, so ("ab","c") and ("a","bc") differ
        }
        return (int)(hash % (uint)partitions);
    }
}
