namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>One pre-serialised POST body and how many of its events go to each partition.</summary>
public sealed record RequestBatch(ReadOnlyMemory<byte> Body, int Count, int[] PerPartition);
