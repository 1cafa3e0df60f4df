using System.Diagnostics;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Streaming.Integration.Tests;

/// <summary>
/// The observability half of the compose stack (collector, Jaeger, Prometheus, Grafana) and its files under infra/:
/// everything mounted exists, every address names a compose service on a port it listens on, the Prometheus files
/// pass promtool, and the dashboards only use provisioned data sources.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string CollectorService = "otel-collector";

    private static YamlMappingNode Yaml(string relativePath)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, relativePath))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services()[name];

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) ? ((YamlSequenceNode)node).Children : [];

    private static YamlMappingNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) ? node as YamlMappingNode : null;

    /// <summary>Bind mounts of a service: (host path relative to the root, container path).</summary>
    private static IEnumerable<(string Host, string Container)> Mounts(string service) =>
        Sequence(Service(service), "volumes").Select(v => Scalar(v).Split(':')).Select(p => (p[0], p[1]));

    /// <summary>
    /// Ports a service's container listens on, as the compose file publishes them ("host:container") or exposes them to
    /// the stack's network alone.
    /// </summary>
    private static HashSet<int> PublishedContainerPorts(string service) =>
        Sequence(Service(service), "ports").Concat(Sequence(Service(service), "expose")).Select(p => int.Parse(Scalar(p).Split(':')[^1])).ToHashSet();

    /// <summary>Ports the collector listens on, read from its own configuration (receivers, exporters, telemetry).</summary>
    private static HashSet<int> CollectorPorts()
    {
        var config = Yaml("infra/otel-collector.yaml");
        var endpoints = new List<string>();
        foreach (var (_, protocol) in ((YamlMappingNode)((YamlMappingNode)config["receivers"])["otlp"])["protocols"].AllNodes.OfType<YamlMappingNode>()
                     .SelectMany(m => m.Children).Where(c => Scalar(c.Key) == "endpoint"))
        {
            endpoints.Add(Scalar(protocol));
        }
        endpoints.Add(Scalar(((YamlMappingNode)((YamlMappingNode)config["exporters"])["prometheus"])["endpoint"]));
        var ports = endpoints.Select(e => int.Parse(e.Split(':')[^1])).ToHashSet();
        foreach (var reader in ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)config["service"])["telemetry"])["metrics"])["readers"]).Children)
        {
            ports.Add(int.Parse(Scalar(reader["pull"]["exporter"]["prometheus"]["port"])));
        }
        return ports;
    }

    private static (string Host, int Port) HostPort(string address)
    {
        var uri = new Uri(address.Contains("://", StringComparison.Ordinal) ? address : "tcp://" + address);
        return (uri.Host, uri.Port);
    }

    [Fact]
    public void Every_file_mounted_into_a_container_exists()
    {
        var mounts = Services().Children.Keys.Select(Scalar).SelectMany(s => Mounts(s).Select(m => (Service: s, m.Host))).ToList();

        Assert.NotEmpty(mounts);
        // Bind mounts only: named volumes (no path) are the containers' own data.
        foreach (var (service, host) in mounts.Where(m => m.Host.Contains('/', StringComparison.Ordinal)))
        {
            Assert.StartsWith("./", host); // relative to the compose file, i.e. the repository root
            var path = Path.Combine(Root, host);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{service} mounts {host}, which does not exist");
        }
    }

    [Fact]
    public void Prometheus_scrapes_every_service_by_its_compose_name_on_its_container_port()
    {
        var targets = ScrapeTargets("infra/prometheus/prometheus.yml");
        var services = Services().Children.Keys.Select(Scalar).ToHashSet();

        foreach (var (job, host, port) in targets)
        {
            Assert.Contains(host, services);
            var listening = host == CollectorService ? CollectorPorts() : PublishedContainerPorts(host);
            Assert.True(listening.Contains(port), $"job {job} scrapes {host}:{port}, but {host} listens on {string.Join(", ", listening)}");
        }
        // Each .NET service is a job of its compose name on its management port (Management__Port), which answers
        // /metrics without a key: not the port its image serves the API on (infra/service.Dockerfile), where /metrics
        // needs the operator key, and exposed to the stack's network only, never published to the host.
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", File.ReadAllText(Path.Combine(Root, "infra", "service.Dockerfile")));
        foreach (var service in DotnetServices.Select(ComposeName))
        {
            var management = int.Parse(Scalar(((YamlMappingNode)Service(service)["environment"])["Management__Port"]));
            Assert.NotEqual(8080, management);
            Assert.Contains((service, service, management), targets);
            Assert.Contains(management.ToString(CultureInfo.InvariantCulture), Sequence(Service(service), "expose").Select(Scalar));
            Assert.DoesNotContain(Sequence(Service(service), "ports").Select(Scalar), p => p.EndsWith($":{management}", StringComparison.Ordinal));
        }
        Assert.Contains(targets, t => t.Host == "rabbitmq" && t.Port == 15692);
        Assert.Contains(targets, t => t.Host == CollectorService);
    }

    [Fact]
    public void Local_prometheus_scrapes_the_ports_the_run_script_gives_the_services()
    {
        var script = File.ReadAllText(Path.Combine(Root, "infra", "run-all.sh"));
        var local = ScrapeTargets("infra/prometheus/prometheus-local.yml");
        var compose = ScrapeTargets("infra/prometheus/prometheus.yml");

        // Each service on its management port (no key needed there), which the script gives it, not on its own port.
        Assert.Contains("Management__Port=\"$management\"", script);
        foreach (var service in DotnetServices)
        {
            var port = int.Parse(PortDefault().Matches(script).Single(m => m.Groups[1].Value == service.ToUpperInvariant()).Groups[2].Value);
            var management = int.Parse(ManagementPortDefault().Matches(script).Single(m => m.Groups[1].Value == service.ToUpperInvariant()).Groups[2].Value);
            Assert.NotEqual(port, management);
            Assert.Contains((ComposeName(service), "127.0.0.1", management), local);
            Assert.Matches($@"\nstart {service} ""\${service.ToUpperInvariant()}_PORT"" ""\${service.ToUpperInvariant()}_MANAGEMENT_PORT""\n", script);
        }
        Assert.Contains(("rabbitmq-queues", "127.0.0.1", 15692), local);
        // The same jobs as in the compose stack (less the collector's), so the dashboard's queries work on both.
        Assert.Equal(compose.Select(t => t.Job).Where(j => !j.Contains("collector") && j != "span-metrics").Order(), local.Select(t => t.Job).Order());
        Assert.Contains("infra/prometheus/prometheus-local.yml", script);
    }

    [Theory]
    [InlineData("infra/prometheus/prometheus.yml")]
    [InlineData("infra/prometheus/prometheus-local.yml")]
    [InlineData("infra/prometheus/prometheus-cluster.yml")]
    public void Prometheus_configuration_passes_promtool(string file)
    {
        Assert.True(File.Exists("/usr/bin/promtool"), "promtool is missing: infra/test.sh installs it (Debian package prometheus)");
        var process = Process.Start(new ProcessStartInfo("promtool", ["check", "config", file])
        {
            WorkingDirectory = Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, $"promtool check config {file}: {output}");
    }

    [Fact]
    public void Collector_pipelines_use_defined_components_and_export_to_services_of_the_stack()
    {
        var config = Yaml("infra/otel-collector.yaml");
        var connectors = Child(config, "connectors")?.Children.Keys.Select(Scalar).ToHashSet() ?? [];
        var defined = new Dictionary<string, HashSet<string>>
        {
            ["receivers"] = [.. ((YamlMappingNode)config["receivers"]).Children.Keys.Select(Scalar), .. connectors],
            ["processors"] = [.. ((YamlMappingNode)config["processors"]).Children.Keys.Select(Scalar)],
            ["exporters"] = [.. ((YamlMappingNode)config["exporters"]).Children.Keys.Select(Scalar), .. connectors],
        };
        var service = (YamlMappingNode)config["service"];
        var used = new HashSet<string>();
        foreach (var (name, pipeline) in ((YamlMappingNode)service["pipelines"]).Children)
        {
            Assert.Contains(Scalar(name).Split('/')[0], new[] { "traces", "metrics", "logs" });
            foreach (var (kind, components) in defined)
            {
                foreach (var component in Sequence((YamlMappingNode)pipeline, kind).Select(Scalar))
                {
                    Assert.True(components.Contains(component), $"pipeline {Scalar(name)} uses {kind} {component}, which is not defined");
                    used.Add(component);
                }
            }
        }
        // Every defined component is used, and every connector both ends one pipeline and starts another.
        Assert.Equal(defined.Values.SelectMany(c => c).ToHashSet(), used);
        foreach (var extension in Sequence(service, "extensions").Select(Scalar))
        {
            Assert.Contains(extension, ((YamlMappingNode)config["extensions"]).Children.Keys.Select(Scalar));
        }

        // Exporters that send somewhere send to a service of the stack; OTLP to Jaeger needs Jaeger's OTLP receiver on.
        var stack = Services().Children.Keys.Select(Scalar).ToHashSet();
        foreach (var (name, exporter) in ((YamlMappingNode)config["exporters"]).Children)
        {
            if (Scalar(name) == "prometheus") continue; // a scrape endpoint of the collector itself
            var (host, _) = HostPort(Scalar(((YamlMappingNode)exporter)["endpoint"]));
            Assert.Contains(host, stack);
        }
        Assert.Equal("true", Scalar(((YamlMappingNode)Service("jaeger")["environment"])["COLLECTOR_OTLP_ENABLED"]));
    }

    [Fact]
    public void Services_send_otlp_to_the_collector_which_runs_the_mounted_configuration()
    {
        var otlpGrpc = int.Parse(Scalar(Yaml("infra/otel-collector.yaml")["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"]).Split(':')[^1]);
        foreach (var service in DotnetServices.Select(ComposeName))
        {
            var environment = (YamlMappingNode)Service(service)["environment"];
            Assert.Equal((CollectorService, otlpGrpc), HostPort(Scalar(environment["OTEL_EXPORTER_OTLP_ENDPOINT"])));
            // Prometheus scrapes /metrics: an OTLP copy of the metrics would count everything twice.
            Assert.Equal("none", Scalar(environment["OTEL_METRICS_EXPORTER"]));
            Assert.Contains(CollectorService, ((YamlMappingNode)Service(service)["depends_on"]).Children.Keys.Select(Scalar));
        }
        var command = Sequence(Service(CollectorService), "command").Select(Scalar).Single(a => a.StartsWith("--config=", StringComparison.Ordinal));
        Assert.Contains(("./infra/otel-collector.yaml", command["--config=".Length..]), Mounts(CollectorService));
    }

    [Fact]
    public void Grafana_dashboards_parse_and_every_panel_uses_a_provisioned_data_source()
    {
        var grafanaMounts = Mounts("grafana").ToList();
        var provisioning = grafanaMounts.Single(m => m.Container == "/etc/grafana/provisioning").Host;
        var datasources = Yaml(Path.Combine(provisioning, "datasources", "datasources.yml"));
        var uids = new HashSet<string>();
        var stack = Services().Children.Keys.Select(Scalar).ToHashSet();
        foreach (YamlMappingNode source in Sequence(datasources, "datasources"))
        {
            uids.Add(Scalar(source["uid"]));
            var (host, port) = HostPort(Scalar(source["url"]));
            Assert.Contains(host, stack);
            Assert.Contains(port, PublishedContainerPorts(host));
        }
        Assert.Equal(new HashSet<string> { "prometheus", "jaeger" }, uids);

        // The dashboards provider reads a container folder that is a mount of infra/grafana/dashboards.
        var providers = Yaml(Path.Combine(provisioning, "dashboards", "dashboards.yml"));
        var folder = Scalar(((YamlMappingNode)Sequence(providers, "providers").Single())["options"]["path"]);
        var dashboards = Path.Combine(Root, grafanaMounts.Single(m => m.Container == folder).Host);
        var files = Directory.GetFiles(dashboards, "*.json");
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            var panels = Panels(dashboard.RootElement).ToList();
            Assert.Contains(panels, p => p.GetProperty("type").GetString() != "row");
            foreach (var panel in panels.Where(p => p.GetProperty("type").GetString() != "row"))
            {
                var title = panel.GetProperty("title").GetString();
                Assert.Contains(panel.GetProperty("datasource").GetProperty("uid").GetString()!, uids);
                var targets = panel.GetProperty("targets").EnumerateArray().ToList();
                Assert.True(targets.Count > 0, $"panel '{title}' has no query");
                Assert.All(targets, t => Assert.Contains(t.GetProperty("datasource").GetProperty("uid").GetString()!, uids));
            }
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        }
        Assert.Contains(grafanaMounts, m => Scalar(((YamlMappingNode)Service("grafana")["environment"])["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"])
            .StartsWith(m.Container + "/", StringComparison.Ordinal) && m.Host.EndsWith("dashboards", StringComparison.Ordinal));
    }

    /// <summary>Every panel of a dashboard, those inside rows included.</summary>
    internal static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray()) yield return inner;
            }
        }
    }

    /// <summary>Every (job, host, port) a Prometheus configuration scrapes.</summary>
    private static List<(string Job, string Host, int Port)> ScrapeTargets(string file) =>
        Sequence(Yaml(file), "scrape_configs").Cast<YamlMappingNode>().SelectMany(job =>
            Sequence(job, "static_configs").Cast<YamlMappingNode>().SelectMany(c => Sequence(c, "targets"))
                .Select(t => HostPort(Scalar(t)))
                .Select(t => (Scalar(job["job_name"]), t.Host, t.Port)))
            .ToList();
}
