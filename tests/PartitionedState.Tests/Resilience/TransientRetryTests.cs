using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Tests.Resilience;

// The Redis exceptions are built as the client would raise them; their preferred constructors only add command flags.
#pragma warning disable CS0618

/// <summary>The one retry policy: how long it holds a message through an outage, and how briefly it retries poison.</summary>
public sealed class TransientRetryTests
{
    private static readonly TimeSpan[] FirstWaits = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    [Fact]
    public void The_default_policy_holds_a_message_through_an_outage_of_more_than_ten_minutes()
    {
        var waits = new ResilienceOptions().OutageRetries();

        // 1 + 2 + 4 + 8 + 16 = 31 s, then 30 s at a time until 15 min: 29 more (31 + 870 = 901 s >= 900 s).
        Assert.Equal(FirstWaits, waits.Take(5));
        Assert.All(waits.Skip(5), w => Assert.Equal(TimeSpan.FromSeconds(30), w));
        Assert.Equal(34, waits.Count);
        Assert.Equal(TimeSpan.FromSeconds(901), waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
        Assert.True(waits.Aggregate(TimeSpan.Zero, (a, b) => a + b) > TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void A_transient_fault_is_retried_on_the_outage_schedule_until_it_is_spent()
    {
        var policy = Policy();
        var fault = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no connection is available");

        var waits = Drain(policy, () => fault);

        Assert.Equal(new ResilienceOptions().OutageRetries(), waits);
    }

    [Fact]
    public void Poison_gets_four_short_retries_then_none()
    {
        var waits = Drain(Policy(), () => new FormatException("packed playback events: bad header"));

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public void Transient_and_poison_faults_are_counted_apart()
    {
        var policy = Policy();
        int transient = 0, poison = 0;

        // Four poison retries spent, an outage still gets its whole schedule, starting from its first wait.
        for (var i = 0; i < 4; i++) policy.Next(new InvalidOperationException("bug"), ref transient, ref poison);
        Assert.Null(policy.Next(new InvalidOperationException("bug"), ref transient, ref poison));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.Next(new TransientFaultException("conflict"), ref transient, ref poison));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.Next(new RedisServerException("LOADING Redis is loading the dataset in memory"), ref transient, ref poison));
    }

    public static TheoryData<Exception> Transient() =>
    [
        new RedisConnectionException(ConnectionFailureType.SocketClosed, "SocketClosed"),
        new RedisTimeoutException("Timeout performing EVALSHA", CommandStatus.Sent),
        new RedisServerException("LOADING Redis is loading the dataset in memory"),
        new RedisServerException("BUSY Redis is busy running a script"),
        new RedisServerException("READONLY You can't write against a read only replica."),
        new RedisServerException("OOM command not allowed when used memory > 'maxmemory'."),
        new TransientFaultException("a batch of partition 1 kept conflicting with concurrent writers after 5 attempts"),
        new RabbitMqConnectionException("Broker unreachable: guest@127.0.0.1:5672/"),
        new MessageNotAcknowledgedException(new Uri("rabbitmq://localhost/x"), "nack"),
        new TaskCanceledException("a publish timed out"),
        new AggregateException(new TimeoutException(), new RedisConnectionException(ConnectionFailureType.UnableToConnect, "x")),
        new InvalidOperationException("wrapped", new RedisConnectionException(ConnectionFailureType.UnableToConnect, "x")),
    ];

    public static TheoryData<Exception> Poison() =>
    [
        new FormatException("packed playback events: 3 events where 2 were promised"),
        new InvalidOperationException("a batch of partition 1 holds messages of another partition"),
        new RedisServerException("ERR wrong number of arguments for 'hset' command"),
        new JsonException("not JSON"),
        new AggregateException(new TimeoutException(), new FormatException("bad")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void Outages_are_transient(Exception fault) => Assert.True(TransientFaults.IsTransient(fault));

    [Theory]
    [MemberData(nameof(Poison))]
    public void Everything_else_is_poison(Exception fault) => Assert.False(TransientFaults.IsTransient(fault));

    [Theory]
    [InlineData("Resilience:OutageRetryFor", "00:30:00")]
    [InlineData("Resilience:OutageRetryCap", "00:00:00.5")]
    [InlineData("Resilience:OutageRetryFirst", "00:00:00")]
    public void A_bad_setting_is_refused_by_its_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddValidatedOptions<ResilienceOptions>(ResilienceOptions.Section).Services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ResilienceOptions>>().Value);
        Assert.StartsWith(key + " is invalid", refused.Message);
    }

    private static OutageRetryPolicy Policy()
    {
        var options = new ResilienceOptions();
        return new OutageRetryPolicy(new Everything(), options.OutageRetries(), ResilienceOptions.PoisonRetries);
    }

    /// <summary>MassTransit's filter when the configuration names no exception: every one is handled.</summary>
    private sealed class Everything : IExceptionFilter
    {
        public void Probe(ProbeContext context)
        {
        }

        public bool Match(Exception exception) => true;
    }

    /// <summary>The waits the policy grants a message that keeps failing with the same fault.</summary>
    private static List<TimeSpan> Drain(OutageRetryPolicy policy, Func<Exception> fault)
    {
        var waits = new List<TimeSpan>();
        int transient = 0, poison = 0;
        while (policy.Next(fault(), ref transient, ref poison) is { } wait) waits.Add(wait);
        return waits;
    }
}
