using System.Net;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>
/// What ingest answered to one POST. <paramref name="Accepted"/> and <paramref name="Rejected"/> come from a 202's
/// body; <paramref name="Detail"/> holds the first rejection, or the body of an unexpected status, for diagnostics.
/// </summary>
public sealed record IngestResult(HttpStatusCode Status, int Accepted, int Rejected, TimeSpan? RetryAfter, string? Detail)
{
    public bool IsAccepted => Status == HttpStatusCode.Accepted;
    public bool IsBusy => Status == HttpStatusCode.ServiceUnavailable;
}
