using Microsoft.AspNetCore.Mvc.Testing;

namespace Streaming.Subscriptions.Tests;

/// <summary>A bad setting stops the service at start-up and the error names the key.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Subscriptions:AllowedLateness", "23:59:59")]       // late billing events must count for at least a day
    [InlineData("Subscriptions:StateRetention", "3.00:00:00")]      // not longer than the default 72 h lateness
    [InlineData("Subscriptions:BatchMarkerRetention", "00:00:30")]
    [InlineData("Subscriptions:PrefetchCount", "0")]
    [InlineData("Pipeline:Partitions", "0")]
    public void Bad_setting_refuses_start_naming_its_key(string key, string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RabbitMq:Host", "127.0.0.1");
            builder.UseSetting("Redis:Configuration", "127.0.0.1:6379");
            builder.UseSetting("Pipeline:Namespace", $"t-subs-start-{Guid.NewGuid():N}");
            builder.UseSetting(key, value);
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"{key} is invalid", error.ToString());
    }
}
