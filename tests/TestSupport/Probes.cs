using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.TestSupport;

/// <summary>A service host's probes, <c>/alive</c> and <c>/health/ready</c>, read as a kubelet reads them.</summary>
public static class Probes
{
    /// <summary>Waits until <c>/health/ready</c> answers 200; it includes the bus, so the host's queues are bound by then.</summary>
    public static Task WaitUntilReadyAsync(HttpClient host, string service, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => ReadyAsync(host), status => status == HttpStatusCode.OK, $"{service} to be ready", timeout);

    /// <summary>
    /// Both probes once the host has settled: ready, or, when checks are named in <paramref name="down"/>, those checks
    /// failing. A closed port fails its check in the first round, so no fixed wait tells "not ready" from "not yet".
    /// </summary>
    public static async Task<(HttpStatusCode Alive, HttpStatusCode Ready)> ProbeAsync(HttpClient host, IServiceProvider services, params string[] down)
    {
        var alive = (await host.GetAsync("/alive")).StatusCode;
        if (down.Length == 0)
        {
            await WaitUntilReadyAsync(host, "the host");
        }
        else
        {
            var checks = services.GetRequiredService<HealthCheckService>();
            await Eventually.UntilAsync(async () => Failing(await checks.CheckHealthAsync()), failing => down.All(failing.Contains),
                $"the checks {string.Join(", ", down)} to fail");
        }
        return (alive, await ReadyAsync(host));
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient host) => (await host.GetAsync("/health/ready")).StatusCode;

    private static List<string> Failing(HealthReport report) =>
        [.. report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order(StringComparer.Ordinal)];
}
