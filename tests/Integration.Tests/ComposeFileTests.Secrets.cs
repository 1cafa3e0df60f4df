using YamlDotNet.RepresentationModel;

namespace Streaming.Integration.Tests;

/// <summary>
/// The compose stack's secrets: Redis with a password, RabbitMQ with its own user (no guest), Grafana's admin password,
/// all from the environment and nowhere in the file; the services read the same variables; the data stores are not
/// published to the host.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static string Environment(string service, string name) => Scalar(((YamlMappingNode)Service(service)["environment"])[name]);

    [Fact]
    public void Redis_requires_the_password_from_the_environment_and_every_service_sends_it()
    {
        var command = Sequence(Service("redis"), "command").Select(Scalar).ToList();

        Assert.Equal("${REDIS_PASSWORD:?set REDIS_PASSWORD (letters and digits)}", command[command.IndexOf("--requirepass") + 1]);
        Assert.StartsWith("${REDIS_PASSWORD:?", Environment("redis", "REDISCLI_AUTH")); // the health check's redis-cli
        foreach (var service in DotnetServices.Select(ComposeName))
        {
            Assert.Equal("redis:6379,password=${REDIS_PASSWORD:?set REDIS_PASSWORD (letters and digits)}", Environment(service, "Redis__Configuration"));
        }
    }

    [Fact]
    public void RabbitMQ_has_the_stack_s_own_user_from_the_environment_and_the_services_log_in_as_it()
    {
        Assert.StartsWith("${RABBITMQ_USER:?", Environment("rabbitmq", "RABBITMQ_DEFAULT_USER"));
        Assert.StartsWith("${RABBITMQ_PASSWORD:?", Environment("rabbitmq", "RABBITMQ_DEFAULT_PASS"));
        foreach (var service in DotnetServices.Select(ComposeName))
        {
            Assert.Equal(Environment("rabbitmq", "RABBITMQ_DEFAULT_USER"), Environment(service, "RabbitMq__Username"));
            Assert.Equal(Environment("rabbitmq", "RABBITMQ_DEFAULT_PASS"), Environment(service, "RabbitMq__Password"));
        }
        Assert.DoesNotContain("guest", File.ReadAllText(Path.Combine(Root, "docker-compose.yml")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Grafana_s_admin_password_comes_from_the_environment()
    {
        Assert.StartsWith("${GRAFANA_ADMIN_PASSWORD:?", Environment("grafana", "GF_SECURITY_ADMIN_PASSWORD"));
    }

    [Fact]
    public void The_data_stores_are_not_published_to_the_host_but_the_broker_UI_on_loopback()
    {
        Assert.Empty(Sequence(Service("redis"), "ports"));
        Assert.Equal(["127.0.0.1:15672:15672"], Sequence(Service("rabbitmq"), "ports").Select(Scalar));
    }

    [Theory]
    [InlineData("REDIS_PASSWORD")]
    [InlineData("RABBITMQ_USER")]
    [InlineData("RABBITMQ_PASSWORD")]
    [InlineData("GRAFANA_ADMIN_PASSWORD")]
    public void Compose_refuses_the_stack_without_a_secret_naming_it(string missing)
    {
        var (exitCode, _, errors) = ComposeConfig(Secrets.Where(s => s.Key != missing).ToDictionary());

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"set {missing}", errors);
    }

    [Fact]
    public void The_secrets_given_reach_redis_the_broker_grafana_and_the_services()
    {
        var (exitCode, output, errors) = ComposeConfig(Secrets, "config");
        Assert.True(exitCode == 0, errors);

        var resolved = new YamlStream();
        resolved.Load(new StringReader(output));
        var services = (YamlMappingNode)((YamlMappingNode)resolved.Documents[0].RootNode)["services"];
        string Resolved(string service, string name) => Scalar(((YamlMappingNode)((YamlMappingNode)services[service])["environment"])[name]);
        Assert.Equal("redis:6379,password=redisSecret1", Resolved("gateway", "Redis__Configuration"));
        Assert.Equal(("streaming", "brokerSecret2"), (Resolved("ingest", "RabbitMq__Username"), Resolved("ingest", "RabbitMq__Password")));
        Assert.Equal(("streaming", "brokerSecret2"), (Resolved("rabbitmq", "RABBITMQ_DEFAULT_USER"), Resolved("rabbitmq", "RABBITMQ_DEFAULT_PASS")));
        Assert.Equal("grafanaSecret3", Resolved("grafana", "GF_SECURITY_ADMIN_PASSWORD"));
        Assert.Contains("redisSecret1", ((YamlSequenceNode)((YamlMappingNode)services["redis"])["command"]).Children.Select(Scalar));
    }
}
