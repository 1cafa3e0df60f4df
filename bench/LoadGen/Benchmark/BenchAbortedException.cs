namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>A phase cannot go on (ingest refused a request outright); the message says why.</summary>
public sealed class BenchAbortedException(string message) : Exception(message);
