using System.ComponentModel.DataAnnotations;

namespace Streaming.ServiceDefaults;

/// <summary>
/// Section <c>Management</c> (environment <c>Management__Port</c>): an internal port where the service also listens,
/// on the host of its first address, and serves only what operators' tools read: <c>/metrics</c>, the OpenAPI
/// documents and the API reference page without a key, and <c>/alive</c>, <c>/health/*</c>. None by default: then
/// those answer only the operator key. Keep the port off the public network (not published, firewalled).
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    [Range(1, 65535)]
    public int? Port { get; set; }
}
