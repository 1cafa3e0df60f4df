namespace Streaming.Ingest.Batches;

/// <summary>The 202 answer to a batch: how many events were accepted and why the others were not.</summary>
public sealed record BatchAnswer(int Accepted, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>An event the batch could not take; <see cref="Index"/> is its position in the array (0 for one object).</summary>
public sealed record RejectedEvent(int Index, IReadOnlyList<string> Errors);
