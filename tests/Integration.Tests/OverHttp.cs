using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Streaming.Integration.Tests;

public static class OverHttp
{
    /// <summary>
    /// Starts the service on Kestrel at a free loopback port, so requests go over real HTTP with Kestrel's own limits
    /// (TestServer has none), and gives a client for it.
    /// </summary>
    public static HttpClient Serve<T>(WebApplicationFactory<T> factory) where T : class
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }
}
