namespace Streaming.Bench.LoadGen.Wire;

public sealed class IngestUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
