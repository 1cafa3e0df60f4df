using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Streaming.TestSupport;

/// <summary>
/// What every service does with the operators' endpoints (<c>/metrics</c>, the OpenAPI documents, the API reference
/// page): on its own port only with the operator key, on the management port (<c>Management:Port</c>) without one.
/// </summary>
public static class OperatorEndpoints
{
    /// <summary>401 problem+json without a key and with an unknown one, 403 problem+json with each of <paramref name="otherKeys"/>, 200 with the operator key.</summary>
    public static async Task AssertOperatorOnlyAsync(HttpClient http, string path, params string[] otherKeys)
    {
        await AssertRefusedAsync(http, path, null, HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(http, path, "not-a-key-anybody-issued", HttpStatusCode.Unauthorized);
        foreach (var key in otherKeys)
        {
            await AssertRefusedAsync(http, path, key, HttpStatusCode.Forbidden);
        }
        var answer = await http.SendAsync(Get(path, TestTenancy.OperatorKey));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path} with the operator key: {(int)answer.StatusCode}");
    }

    private static async Task AssertRefusedAsync(HttpClient http, string path, string? key, HttpStatusCode expected)
    {
        var answer = await http.SendAsync(Get(path, key));
        Assert.True(answer.StatusCode == expected, $"{path} with {(key is null ? "no key" : "key " + key[..Math.Min(6, key.Length)] + "…")}: {(int)answer.StatusCode}, expected {(int)expected}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("# TYPE", await answer.Content.ReadAsStringAsync());
    }

    /// <summary>The service's <c>/metrics</c>, read as the operator (with the tests' operator key) on its own port.</summary>
    public static async Task<string> ScrapeAsync(HttpClient http)
    {
        var answer = await http.SendAsync(Get("/metrics", TestTenancy.OperatorKey));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"/metrics with the operator key: {(int)answer.StatusCode}");
        return await answer.Content.ReadAsStringAsync();
    }

    public static HttpRequestMessage Get(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    /// <summary>
    /// Starts <paramref name="factory"/>'s service on Kestrel at a free loopback port, with a management port
    /// (<c>Management:Port</c>, also free), as a deployment configures it; clients for both. Kestrel takes its
    /// addresses from <c>urls</c> here, as in a deployment, so the service adds its management port itself.
    /// </summary>
    public static (WebApplicationFactory<T> Host, HttpClient Public, HttpClient Management) ServeWithManagementPort<T>(WebApplicationFactory<T> factory)
        where T : class
    {
        var managementPort = FreePort();
        var host = factory.WithWebHostBuilder(builder => builder
            .UseSetting("urls", "http://127.0.0.1:0")
            .UseSetting("Management:Port", managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        host.UseKestrel();
        host.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
        Assert.Equal(2, addresses.Count);
        var management = Assert.Single(addresses, a => a.Port == managementPort);
        var own = Assert.Single(addresses, a => a.Port != managementPort);
        return (host, Client(own), Client(management));
    }

    private static HttpClient Client(Uri address) => new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
