namespace Streaming.Ingest.Batches;

/// <summary>The 202 answer to a batch: how many events were accepted and why the others were not.</summary>
/// <param name="Accepted">Events the broker confirmed.</param>
/// <param name="RejectedCount">Every rejected event, listed or not.</param>
/// <param name="RejectedOmitted">Rejected events left out of <paramref name="Rejected"/> (it lists the first ones by index).</param>
/// <param name="Rejected">The first rejected events by index, each with its errors.</param>
public sealed record BatchAnswer(int Accepted, int RejectedCount, int RejectedOmitted, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>An event the batch could not take; <see cref="Index"/> is its position in the array (0 for one object).</summary>
public sealed record RejectedEvent(int Index, IReadOnlyList<string> Errors);
