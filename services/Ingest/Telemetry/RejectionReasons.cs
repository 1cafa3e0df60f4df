namespace Streaming.Ingest.Telemetry;

/// <summary>The values of the <c>reason</c> tag of <c>ingest.events.rejected</c>.</summary>
public static class RejectionReasons
{
    /// <summary>The event broke a validation rule; the answer lists it by index.</summary>
    public const string Invalid = "invalid";

    /// <summary>The event was valid, but the broker did not confirm the request's messages in time (503).</summary>
    public const string BrokerUnavailable = "broker_unavailable";
}
