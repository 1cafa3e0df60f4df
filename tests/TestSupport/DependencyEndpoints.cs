using DotNet.Testcontainers.Configurations;
using StackExchange.Redis;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Streaming.TestSupport;

/// <summary>
/// Where the real RabbitMQ and Redis are, and the one Redis connection of the test process. It connects to the ones
/// named by RABBITMQ_HOST / RABBITMQ_PORT and REDIS_CONFIGURATION (what <c>infra/test.sh</c> sets after starting them
/// from Debian packages); when none is named and a Docker engine answers, it starts them with Testcontainers, whose
/// resource reaper removes the containers when the process ends.
/// </summary>
internal sealed record DependencyEndpoints(
    string RabbitHost, int RabbitPort, string RabbitUser, string RabbitPassword, string RedisConfiguration, IConnectionMultiplexer Redis)
{
    public static async Task<DependencyEndpoints> ConnectAsync()
    {
        var rabbitHost = Environment.GetEnvironmentVariable("RABBITMQ_HOST");
        var redisConfiguration = Environment.GetEnvironmentVariable("REDIS_CONFIGURATION");
        if (!string.IsNullOrEmpty(rabbitHost) && !string.IsNullOrEmpty(redisConfiguration))
        {
            var port = int.TryParse(Environment.GetEnvironmentVariable("RABBITMQ_PORT"), out var p) ? p : 5672;
            return new(rabbitHost, port, "guest", "guest", redisConfiguration, await ConnectionMultiplexer.ConnectAsync(redisConfiguration));
        }
        if (!DockerAvailable())
        {
            throw new InvalidOperationException(
                "These tests need a real RabbitMQ and Redis: set RABBITMQ_HOST and REDIS_CONFIGURATION " +
                "(bash infra/test.sh does, after starting both), or run them where a Docker engine answers.");
        }
        var rabbit = new RabbitMqBuilder(RealDependencies.RabbitMqImage).Build();
        var redis = new RedisBuilder(RealDependencies.RedisImage).Build();
        await Task.WhenAll(rabbit.StartAsync(), redis.StartAsync());
        var amqp = new Uri(rabbit.GetConnectionString());
        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        return new(amqp.Host, amqp.Port, credentials[0], credentials[1], redis.GetConnectionString(),
            await ConnectionMultiplexer.ConnectAsync(redis.GetConnectionString()));
    }

    private static bool DockerAvailable()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null &&
                   File.Exists("/var/run/docker.sock");
        }
        catch (Exception)
        {
            return false;
        }
    }
}
