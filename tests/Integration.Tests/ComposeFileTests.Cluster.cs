using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Streaming.Integration.Tests;

/// <summary>
/// docker-compose.cluster.yml, the compose form of <c>run-all.sh --cluster</c>: three brokers that form one cluster,
/// six durable Redis Cluster nodes and the job that joins them, two replicas of every service with the cluster
/// settings, HAProxy in front of the ingest and gateway replicas at the run script's ports, secrets from the
/// environment. And the run script's cluster mode agrees with the files it shares with compose.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string ClusterFile = "docker-compose.cluster.yml";

    /// <summary>The secret the cluster file needs beyond those of docker-compose.yml.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ClusterSecrets = new Dictionary<string, string>
    {
        ["RABBITMQ_ERLANG_COOKIE"] = "cookieSecret4",
    };

    private static Dictionary<string, string> AllClusterSecrets() => Secrets.Concat(ClusterSecrets).ToDictionary();

    private static YamlMappingNode ClusterServices() => (YamlMappingNode)Yaml(ClusterFile)["services"];

    private static YamlMappingNode ClusterService(string name) => (YamlMappingNode)ClusterServices()[name];

    private static string ClusterEnvironment(string service, string name) => Scalar(((YamlMappingNode)ClusterService(service)["environment"])[name]);

    private static string[] ClusterCommand(string service) => Sequence(ClusterService(service), "command").Select(Scalar).ToArray();

    /// <summary>The value after a flag in a command line given as a list.</summary>
    private static string After(string[] command, string flag) => command[Array.IndexOf(command, flag) + 1];

    [Fact]
    public void Cluster_compose_config_parses_with_the_compose_tool()
    {
        var (exitCode, _, errors) = ComposeConfig(AllClusterSecrets(), composeFile: ClusterFile);

        Assert.True(exitCode == 0, $"compose config of {ClusterFile} failed: {errors}");
    }

    [Theory]
    [InlineData("REDIS_PASSWORD")]
    [InlineData("RABBITMQ_USER")]
    [InlineData("RABBITMQ_PASSWORD")]
    [InlineData("AUTH_OPERATOR_KEY")]
    [InlineData("RABBITMQ_ERLANG_COOKIE")]
    public void Cluster_compose_refuses_the_stack_without_a_secret_naming_it(string missing)
    {
        var (exitCode, _, errors) = ComposeConfig(AllClusterSecrets().Where(s => s.Key != missing).ToDictionary(), composeFile: ClusterFile);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"set {missing}", errors);
    }

    [Fact]
    public void Cluster_runs_the_images_of_the_main_stack_at_exact_versions()
    {
        var images = ClusterServices().Children.Values.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("image"))
            .Select(s => Scalar(s["image"])).ToList();

        Assert.All(images, image => Assert.Matches(ExactTag(), image));
        Assert.Equal(Scalar(Service("rabbitmq")["image"]), Assert.Single(images.Where(i => i.StartsWith("rabbitmq:", StringComparison.Ordinal)).Distinct()));
        Assert.Equal(Scalar(Service("redis")["image"]), Assert.Single(images.Where(i => i.StartsWith("redis:", StringComparison.Ordinal)).Distinct()));
        Assert.DoesNotContain("guest", File.ReadAllText(Path.Combine(Root, ClusterFile)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Three_brokers_find_each_other_by_their_host_names_and_share_the_cookie_from_the_environment()
    {
        var brokers = ClusterServices().Children.Keys.Select(Scalar).Where(n => n.StartsWith("rabbitmq-", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(["rabbitmq-1", "rabbitmq-2", "rabbitmq-3"], brokers);

        var configs = brokers.Select(b => Sequence(ClusterService(b), "volumes").Select(Scalar)
            .Single(v => v.EndsWith(":/etc/rabbitmq/conf.d/20-cluster.conf:ro", StringComparison.Ordinal)).Split(':')[0]).Distinct().ToList();
        var lines = File.ReadAllLines(Path.Combine(Root, Assert.Single(configs)));
        Assert.Contains("cluster_formation.peer_discovery_backend = classic_config", lines);
        var peers = lines.Where(l => l.StartsWith("cluster_formation.classic_config.nodes.", StringComparison.Ordinal)).Select(l => l.Split(" = ")[1]);
        // The image names its node rabbit@<host name>: every peer listed is one of the three, and each is listed.
        Assert.Equal(brokers.Select(b => "rabbit@" + Scalar(ClusterService(b)["hostname"])).Order(), peers.Order());
        Assert.Equal(brokers, brokers.Select(b => Scalar(ClusterService(b)["hostname"])));

        foreach (var broker in brokers)
        {
            Assert.Equal("${RABBITMQ_ERLANG_COOKIE:?set RABBITMQ_ERLANG_COOKIE, the secret the three brokers share (letters and digits)}", ClusterEnvironment(broker, "RABBITMQ_ERLANG_COOKIE"));
            Assert.StartsWith("${RABBITMQ_USER:?", ClusterEnvironment(broker, "RABBITMQ_DEFAULT_USER"));
            // Its own volume: a quorum queue's member on this node survives the container.
            Assert.Contains($"{broker}-data:/var/lib/rabbitmq", Sequence(ClusterService(broker), "volumes").Select(Scalar));
            Assert.DoesNotContain(Sequence(ClusterService(broker), "ports").Select(Scalar), p => p.EndsWith(":5672", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Six_durable_redis_nodes_are_joined_into_three_masters_with_a_replica_each_by_a_one_shot_job()
    {
        var nodes = Enumerable.Range(1, 6).Select(i => $"redis-{i}").ToArray();
        var password = "${REDIS_PASSWORD:?set REDIS_PASSWORD (letters and digits)}";
        foreach (var node in nodes)
        {
            var command = ClusterCommand(node);
            Assert.Equal("yes", After(command, "--cluster-enabled"));
            Assert.Equal("yes", After(command, "--appendonly"));
            Assert.Equal("always", After(command, "--appendfsync"));
            Assert.Equal("noeviction", After(command, "--maxmemory-policy"));
            Assert.Equal(node, After(command, "--cluster-announce-hostname"));
            // The same password for clients and for a replica's link to its master.
            Assert.Equal(password, After(command, "--requirepass"));
            Assert.Equal(password, After(command, "--masterauth"));
            Assert.Equal([$"{node}-data:/data"], Sequence(ClusterService(node), "volumes").Select(Scalar));
            Assert.Empty(Sequence(ClusterService(node), "ports"));
        }

        var job = ClusterService("redis-cluster-create");
        var entrypoint = Sequence(job, "entrypoint").Select(Scalar).ToArray();
        Assert.Equal(nodes, entrypoint[2..]);
        var (script, mounted) = Sequence(job, "volumes").Select(v => Scalar(v).Split(':')).Select(p => (p[0], p[1])).Single();
        Assert.Equal(entrypoint[1], mounted);
        Assert.Contains("--cluster-replicas 1", File.ReadAllText(Path.Combine(Root, script)));
        Assert.Equal(nodes, ((YamlMappingNode)job["depends_on"]).Children.Keys.Select(Scalar));
        Assert.StartsWith("${REDIS_PASSWORD:?", ClusterEnvironment("redis-cluster-create", "REDISCLI_AUTH"));
    }

    [Fact]
    public void Two_replicas_of_every_service_run_with_the_cluster_settings()
    {
        var names = ClusterServices().Children.Keys.Select(Scalar).ToList();
        foreach (var service in DotnetServices)
        {
            Assert.Equal([$"{ComposeName(service)}-1", $"{ComposeName(service)}-2"], names.Where(n => Regex.IsMatch(n, $"^{ComposeName(service)}-[0-9]+$")));
            foreach (var replica in new[] { 1, 2 }.Select(n => $"{ComposeName(service)}-{n}"))
            {
                Assert.Equal(service, Scalar(ClusterService(replica)["build"]["args"]["SERVICE"]));
                // Only the load balancer is published: the replicas are reached inside the stack's network.
                Assert.Empty(Sequence(ClusterService(replica), "ports"));
                Assert.Equal(["rabbitmq-1:5672", "rabbitmq-2:5672", "rabbitmq-3:5672"], ClusterEnvironment(replica, "RabbitMq__Hosts").Split(','));
                Assert.Equal("true", ClusterEnvironment(replica, "RabbitMq__QuorumQueues"));
                Assert.Equal(
                    "redis-1:6379,redis-2:6379,redis-3:6379,redis-4:6379,redis-5:6379,redis-6:6379,password=${REDIS_PASSWORD:?set REDIS_PASSWORD (letters and digits)}",
                    ClusterEnvironment(replica, "Redis__Configuration"));
                Assert.Equal("1", ClusterEnvironment(replica, "Redis__WaitForReplicas"));
                Assert.Equal("16", ClusterEnvironment(replica, "Pipeline__Partitions"));
                Assert.Equal(ClusterEnvironment(replica, "RabbitMq__Username"), ClusterEnvironment("rabbitmq-1", "RABBITMQ_DEFAULT_USER"));
                Assert.Contains("8081", Sequence(ClusterService(replica), "expose").Select(Scalar));
                foreach (var key in ((YamlMappingNode)ClusterService(replica)["environment"]).Children.Keys.Select(Scalar))
                {
                    Assert.Contains(key.Split("__")[0], new[] { "ASPNETCORE_ENVIRONMENT", "RabbitMq", "Redis", "Pipeline", "Auth", "Management" });
                }
            }
        }
        // Every broker and Redis node the services are given is a service of the file.
        foreach (var host in ClusterEnvironment("ingest-1", "RabbitMq__Hosts").Split(',').Concat(ClusterEnvironment("ingest-1", "Redis__Configuration").Split(',')[..^1]))
        {
            Assert.Contains(host.Split(':')[0], names);
        }
    }

    [Fact]
    public void The_load_balancer_fronts_every_ingest_and_gateway_replica_at_the_run_script_s_ports()
    {
        var script = File.ReadAllText(Path.Combine(Root, "infra", "run-all.sh"));
        string RunPort(string service) => PortDefault().Matches(script).Single(m => m.Groups[1].Value == service).Groups[2].Value;
        var haproxy = ClusterService("haproxy");

        Assert.Contains($"{RunPort("INGEST")}:{RunPort("INGEST")}", Sequence(haproxy, "ports").Select(Scalar));
        Assert.Contains($"{RunPort("GATEWAY")}:{RunPort("GATEWAY")}", Sequence(haproxy, "ports").Select(Scalar));
        Assert.Equal(":" + RunPort("INGEST"), ClusterEnvironment("haproxy", "INGEST_BIND"));
        Assert.Equal(":" + RunPort("GATEWAY"), ClusterEnvironment("haproxy", "GATEWAY_BIND"));
        foreach (var replica in new[] { "INGEST_1", "INGEST_2", "GATEWAY_1", "GATEWAY_2" })
        {
            Assert.Equal(replica.ToLowerInvariant().Replace('_', '-') + ":8080", ClusterEnvironment("haproxy", replica));
        }

        // The one configuration both modes use: every address it reads is given by compose and by the run script.
        var (config, _) = Sequence(haproxy, "volumes").Select(v => Scalar(v).Split(':')).Select(p => (p[0], p[1]))
            .Single(m => m.Item2 == "/usr/local/etc/haproxy/haproxy.cfg");
        var variables = HaproxyVariable().Matches(File.ReadAllText(Path.Combine(Root, config))).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(variables.Order(), ((YamlMappingNode)haproxy["environment"]).Children.Keys.Select(Scalar).Order());
        var launch = script[script.IndexOf("INGEST_BIND=", StringComparison.Ordinal)..script.IndexOf("haproxy -D", StringComparison.Ordinal)];
        Assert.Equal(variables.Order(), Regex.Matches(launch, @"([A-Z_0-9]+)=").Select(m => m.Groups[1].Value).Order());
        Assert.Contains($"-f {config[2..]}", script);
    }

    [Fact]
    public void HAProxy_configuration_passes_haproxy_check_and_probes_readiness()
    {
        Assert.True(File.Exists("/usr/sbin/haproxy"), "haproxy is missing: infra/test.sh installs it (Debian package haproxy)");
        var start = new ProcessStartInfo("haproxy", ["-c", "-f", "infra/haproxy/haproxy.cfg"])
        {
            WorkingDirectory = Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in new Dictionary<string, string>
                 {
                     ["INGEST_BIND"] = "127.0.0.1:15101", ["GATEWAY_BIND"] = "127.0.0.1:15102", ["STATS_BIND"] = "127.0.0.1:18404",
                     ["INGEST_1"] = "127.0.0.1:15111", ["INGEST_2"] = "127.0.0.1:15112", ["GATEWAY_1"] = "127.0.0.1:15121", ["GATEWAY_2"] = "127.0.0.1:15122",
                 })
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"haproxy -c: {output}");

        // A replica is in rotation only while it is ready; nothing buffers or compresses the live events stream.
        var lines = File.ReadAllLines(Path.Combine(Root, "infra", "haproxy", "haproxy.cfg")).Select(l => l.Trim()).ToList();
        Assert.Equal(2, lines.Count(l => l == "option httpchk GET /health/ready"));
        Assert.DoesNotContain(lines, l => l.StartsWith("compression", StringComparison.Ordinal) || l.Contains("http-buffer-request", StringComparison.Ordinal));
    }

    [Fact]
    public void Cluster_prometheus_scrapes_every_replica_on_the_management_port_the_run_script_gives_it()
    {
        var script = File.ReadAllText(Path.Combine(Root, "infra", "run-all.sh"));
        var services = ClusterServiceList().Match(script).Groups[1].Value.Split(' ');
        var targets = ScrapeTargets("infra/prometheus/prometheus-cluster.yml");

        Assert.Equal(DotnetServices.Order(), services.Order());
        Assert.Contains("start \"${CLUSTER_SERVICES[$i]}\" $((5110 + 10 * i + n)) $((6110 + 10 * i + n)) \"$n\"", script);
        for (var i = 0; i < services.Length; i++)
        {
            var expected = new[] { 1, 2 }.Select(n => ("127.0.0.1", 6110 + (10 * i) + n));
            Assert.Equal(expected, targets.Where(t => t.Job == ComposeName(services[i])).Select(t => (t.Host, t.Port)));
        }
        // The HAProxy replicas are the run script's ingest and gateway replicas (the first two of the list).
        Assert.Equal(["Ingest", "Gateway"], services[..2]);
        Assert.Contains("INGEST_1=127.0.0.1:5111 INGEST_2=127.0.0.1:5112 GATEWAY_1=127.0.0.1:5121 GATEWAY_2=127.0.0.1:5122", script);
        Assert.Equal(
            new[] { 15781, 15782, 15783 }.Select(p => ("rabbitmq-queues", "127.0.0.1", p)),
            targets.Where(t => t.Job == "rabbitmq-queues"));
        Assert.Contains("infra/prometheus/prometheus-cluster.yml", script);
        // Node n's Prometheus port is its AMQP port plus 10100, the AMQP ports 5680 + n unless the fault suite moves them.
        var deps = File.ReadAllText(Path.Combine(Root, "infra", "cluster-deps.sh"));
        Assert.Contains("amqp_base=${CLUSTER_AMQP_BASE:-5680}", deps);
        Assert.Contains("prometheus.tcp.port = $((10100 + $(amqp_port \"$n\")))", deps);
        // The jobs of the single run, so the dashboard's queries work on both.
        Assert.Equal(ScrapeTargets("infra/prometheus/prometheus-local.yml").Select(t => t.Job).Distinct().Order(), targets.Select(t => t.Job).Distinct().Order());
    }

    [GeneratedRegex(@"""\$\{([A-Z_0-9]+)\}""")]
    private static partial Regex HaproxyVariable();

    [GeneratedRegex(@"\nCLUSTER_SERVICES=\(([A-Za-z ]+)\)\n")]
    private static partial Regex ClusterServiceList();
}
