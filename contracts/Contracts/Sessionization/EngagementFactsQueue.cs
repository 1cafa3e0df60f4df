namespace Streaming.Contracts.Sessionization;

/// <summary>
/// The queue the engagement ranking consumes facts from, and how it is declared. The engagement service declares it
/// as its receive endpoint; sessionization declares the same queue and its bindings at its own start, so facts
/// published before the engagement service ever ran wait in it instead of going to an exchange nobody is bound to.
/// Both must declare it alike, or RabbitMQ refuses the second declaration (PRECONDITION_FAILED): this is the one place
/// that says how. No queue arguments.
/// </summary>
public static class EngagementFactsQueue
{
    public const string BaseName = "engagement-facts";

    /// <summary>Survives a broker restart.</summary>
    public const bool Durable = true;

    /// <summary>Stays when its last consumer goes: facts wait for the engagement service.</summary>
    public const bool AutoDelete = false;

    /// <summary>
    /// Type of the exchange of the same name in front of the queue (MassTransit's receive endpoint exchange), which the
    /// facts messages' exchange is bound to.
    /// </summary>
    public const string ExchangeType = "fanout";

    /// <param name="prefix">The pipeline namespace as a prefix: "" or "name.".</param>
    public static string Name(string prefix) => prefix + BaseName;
}
