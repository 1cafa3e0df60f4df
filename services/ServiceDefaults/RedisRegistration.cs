using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>
    /// How many replicas must hold a commit before its message is acknowledged (<see cref="ReplicaWait"/>): 0 (off)
    /// acknowledges once the master has it; 1 in cluster mode, so a master's failover loses nothing acknowledged.
    /// </summary>
    [Range(0, 16)]
    public int WaitForReplicas { get; set; }

    /// <summary>How long a commit waits for those replicas; fewer within it is a transient fault (retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(1);
}

public static class RedisRegistration
{
    /// <summary>
    /// One multiplexer for the process, the check of the partition count stored with the data
    /// (<see cref="PartitionCountGuard"/>), and a readiness check that pings Redis unless <paramref name="readiness"/>
    /// is false (a service that only caches from Redis and works on without it).
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder, bool readiness = true)
    {
        builder.Services.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false; // start even while Redis is down; readiness tells the truth
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton<ReplicaWait>();
        builder.Services.AddSingleton<PartitionCountStore>();
        builder.Services.AddHostedService<PartitionCountGuard>();
        if (readiness) builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer", e);
            }
        }
    }
}
