using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Streaming.ServiceDefaults;

public sealed class RabbitMqOptions : IValidatableObject
{
    public const string Section = "RabbitMq";

    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required(AllowEmptyStrings = false)]
    public string VirtualHost { get; set; } = "/";

    [Required(AllowEmptyStrings = false)]
    public string Username { get; set; } = "guest";

    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "guest";

    /// <summary>
    /// The broker cluster's nodes, <c>host:port</c> separated by commas (e.g. <c>127.0.0.1:5681,127.0.0.1:5682</c>):
    /// when set, connections go to the first node that answers, in this order, and <see cref="Host"/> and
    /// <see cref="Port"/> are not used.
    /// </summary>
    public string Hosts { get; set; } = "";

    /// <summary>
    /// Declare the partition queues (with single active consumer) and the engagement facts queue as quorum queues,
    /// replicated over the cluster's nodes. A queue's type cannot change in place: docs/operations.md, "Moving to
    /// quorum queues".
    /// </summary>
    public bool QuorumQueues { get; set; }

    /// <summary>The nodes to connect to: <see cref="Hosts"/>, or <see cref="Host"/>:<see cref="Port"/>.</summary>
    public IReadOnlyList<(string Host, int Port)> Nodes() => Hosts.Length == 0
        ? [(Host, Port)]
        : [.. Hosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseNode)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var nodes = Hosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (Hosts.Length > 0 && (nodes.Length == 0 || nodes.Any(n => !TryParseNode(n, out _))))
        {
            yield return new ValidationResult("must be host:port entries separated by commas, e.g. 127.0.0.1:5681,127.0.0.1:5682", [nameof(Hosts)]);
        }
    }

    /// <summary>A plain AMQP connection factory for the same broker, for work outside MassTransit (operator commands, topology).</summary>
    public RabbitMQ.Client.ConnectionFactory ConnectionFactory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        ClientProvidedName = clientName,
    };

    /// <summary>A plain AMQP connection to the first of <see cref="Nodes"/> that answers.</summary>
    public Task<RabbitMQ.Client.IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default) =>
        ConnectionFactory(clientName).CreateConnectionAsync(
            [.. Nodes().Select(n => new RabbitMQ.Client.AmqpTcpEndpoint(n.Host, n.Port))], cancellationToken);

    private static (string Host, int Port) ParseNode(string node) =>
        TryParseNode(node, out var parsed) ? parsed : throw new FormatException($"RabbitMq:Hosts entry '{node}' is not host:port");

    private static bool TryParseNode(string node, out (string Host, int Port) parsed)
    {
        var colon = node.LastIndexOf(':');
        parsed = default;
        if (colon <= 0 || !int.TryParse(node.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535) return false;
        parsed = (node[..colon], port);
        return true;
    }
}
