namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>Start-up refusals. Alone, not beside other hosts: a host torn down while a parallel one starts can surface as
/// an ObjectDisposedException instead of the validation error (seen once under heavy load).</summary>
[Collection(StartupCollection.Name)]
public sealed class IngestStartupTests
{
    [Theory]
    [InlineData("Ingest:MaxEventsPerMessage", "0")]
    [InlineData("Ingest:MaxEventsPerMessage", "10001")]
    [InlineData("Ingest:MaxBodyBytes", "0")]
    [InlineData("Ingest:MaxEventsPerRequest", "0")]
    [InlineData("Ingest:MaxEventsPerRequest", "100001")]
    [InlineData("Ingest:MaxRejectionsListed", "-1")]
    [InlineData("Ingest:MaxRejectionsListed", "10001")]
    [InlineData("Ingest:PublishTimeout", "00:00:00")]
    [InlineData("Ingest:MaxFutureSkew", "-00:00:01")]
    [InlineData("Ingest:RetryAfterSeconds", "0")]
    [InlineData("RateLimits:Ingest:RequestsPerSecond", "0")]
    [InlineData("RateLimits:Ingest:Burst", "0")]
    [InlineData("Auth:OperatorKey", "")]
    [InlineData("Auth:OperatorKey", "too-short")]
    public void Bad_setting_refuses_start_naming_its_key(string key, string value)
    {
        using var factory = new IngestFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"{key} is invalid", StartupFailure.Messages(error));
    }

    [Fact]
    public void Default_settings_start()
    {
        using var factory = new IngestFactory();

        Assert.NotNull(factory.CreateClient());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StartupCollection
{
    public const string Name = "start-up refusals";
}
