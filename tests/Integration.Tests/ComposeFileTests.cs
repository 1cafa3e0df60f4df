using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Streaming.Integration.Tests;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml is checked for what can be checked without one: it parses, the
/// files it and its Dockerfiles name exist, and its services and ports agree with the services and the run script.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = FindRoot();
    private static readonly string[] DotnetServices = ["Ingest", "Sessionization", "Gateway", "Subscriptions", "EngagementRanking"];

    /// <summary>The compose name of a service folder: kebab case, as the compose file spells it.</summary>
    private static string ComposeName(string service) => KebabBoundary().Replace(service, "$1-$2").ToLowerInvariant();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Microservices.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    private static YamlMappingNode Services() => Section("services");

    private static YamlMappingNode Section(string name)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)[name];
    }

    [Fact]
    public void Redis_is_durable_on_a_named_volume()
    {
        var redis = (YamlMappingNode)Services()["redis"];
        var command = string.Join(' ', ((YamlSequenceNode)redis["command"]).Children.Select(c => ((YamlScalarNode)c).Value));

        Assert.Contains("--appendonly yes --appendfsync always", command);
        Assert.Contains("--maxmemory-policy noeviction", command);
        Assert.Contains("--dir /data", command);
        Assert.Contains("redis-data:/data", ((YamlSequenceNode)redis["volumes"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.True(Section("volumes").Children.ContainsKey("redis-data"), "the redis-data volume is declared");
    }

    /// <summary>The secrets an operator gives compose through the environment (docs/operations.md, "Abuse resistance").</summary>
    internal static readonly IReadOnlyDictionary<string, string> Secrets = new Dictionary<string, string>
    {
        ["REDIS_PASSWORD"] = "redisSecret1",
        ["RABBITMQ_USER"] = "streaming",
        ["RABBITMQ_PASSWORD"] = "brokerSecret2",
        ["GRAFANA_ADMIN_PASSWORD"] = "grafanaSecret3",
        ["AUTH_OPERATOR_KEY"] = "an-operator-key-for-the-check",
    };

    /// <summary><c>config</c> run by the compose tool on a compose file, with these variables set (and no others of the secrets).</summary>
    internal static (int ExitCode, string Output, string Errors) ComposeConfig(
        IReadOnlyDictionary<string, string> variables, string args = "config -q", string composeFile = "docker-compose.yml")
    {
        var (tool, prefix) = File.Exists("/usr/bin/docker-compose") ? ("docker-compose", "") : ("docker", "compose ");
        var start = new ProcessStartInfo(tool, $"{prefix}-f {composeFile} {args}")
        {
            WorkingDirectory = Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var name in Secrets.Keys.Concat(ClusterSecrets.Keys)) start.Environment.Remove(name);
        foreach (var (name, value) in variables) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    [Fact]
    public void Compose_config_parses_with_the_compose_tool()
    {
        var (exitCode, _, errors) = ComposeConfig(Secrets);

        Assert.True(exitCode == 0, $"compose config failed (infra/test.sh installs docker-compose): {errors}");
    }

    [Fact]
    public void Compose_refuses_to_start_without_the_operator_key_and_says_which_variable()
    {
        var (exitCode, _, errors) = ComposeConfig(Secrets.Where(s => s.Key != "AUTH_OPERATOR_KEY").ToDictionary());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set AUTH_OPERATOR_KEY", errors);
    }

    [Fact]
    public void Every_service_of_the_solution_is_in_the_stack_with_broker_and_redis()
    {
        var names = Services().Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();

        Assert.Superset(new HashSet<string?> { "rabbitmq", "redis", "simulator" }, names);
        Assert.Superset(DotnetServices.Select(ComposeName).ToHashSet<string?>(), names);
        // and every service folder with a web project is in that list (the others are shared libraries)
        var folders = Directory.GetDirectories(Path.Combine(Root, "services"))
            .Select(folder => (Name: Path.GetFileName(folder), Project: Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Where(f => File.Exists(f.Project) && File.ReadAllText(f.Project).Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal))
            .Select(f => f.Name);
        Assert.Equal(folders.Order(), DotnetServices.Order());
    }

    [Fact]
    public void Build_files_exist_and_copy_only_what_is_there()
    {
        foreach (var (name, node) in Services().Children)
        {
            if (!((YamlMappingNode)node).Children.TryGetValue("build", out var build)) continue;
            var context = Path.Combine(Root, ((YamlScalarNode)((YamlMappingNode)build)["context"]).Value!);
            var dockerfile = Path.Combine(context, ((YamlScalarNode)((YamlMappingNode)build)["dockerfile"]).Value!);
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} is missing");
            foreach (var line in File.ReadLines(dockerfile).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from")))
            {
                var sources = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
                foreach (var source in sources)
                {
                    var path = Path.Combine(context, source);
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: {dockerfile} copies {source}, which does not exist");
                }
            }
        }
    }

    [Fact]
    public void Each_service_image_is_built_for_a_project_of_its_own_name()
    {
        var services = Services();
        foreach (var service in DotnetServices)
        {
            var build = (YamlMappingNode)((YamlMappingNode)services[ComposeName(service)])["build"];
            var arg = ((YamlScalarNode)((YamlMappingNode)build["args"])["SERVICE"]).Value;
            Assert.Equal(service, arg);
            Assert.True(File.Exists(Path.Combine(Root, "services", service, $"{service}.csproj")));
        }
        var dockerfile = File.ReadAllText(Path.Combine(Root, "infra", "service.Dockerfile"));
        Assert.Contains("dotnet publish \"services/${SERVICE}/${SERVICE}.csproj\"", dockerfile);
        Assert.Contains("exec dotnet \\\"/app/${SERVICE}.dll\\\"", dockerfile);
    }

    [Fact]
    public void Host_ports_agree_with_the_run_script()
    {
        var script = File.ReadAllText(Path.Combine(Root, "infra", "run-all.sh"));
        var services = Services();
        foreach (var service in DotnetServices)
        {
            var port = PortDefault().Matches(script).Single(m => m.Groups[1].Value == service.ToUpperInvariant()).Groups[2].Value;
            var ports = ((YamlSequenceNode)((YamlMappingNode)services[ComposeName(service)])["ports"]).Children;
            Assert.Equal($"{port}:8080", ((YamlScalarNode)Assert.Single(ports)).Value);
        }
    }

    [Fact]
    public void Service_settings_name_configuration_sections_the_services_read()
    {
        // OTEL_* are read by ServiceDefaults (OtlpExports): the exporter's endpoint and which signals go out.
        string[] sections = ["ASPNETCORE_ENVIRONMENT", "RabbitMq", "Redis", "Pipeline", "Auth", "Management", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER"];
        foreach (var service in DotnetServices)
        {
            var environment = (YamlMappingNode)((YamlMappingNode)Services()[ComposeName(service)])["environment"];
            foreach (var key in environment.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            {
                Assert.Contains(key.Split("__")[0], sections);
            }
        }
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabBoundary();

    [GeneratedRegex(@"([A-Z]+)_PORT=\$\{\1_PORT:-(\d+)\}")]
    private static partial Regex PortDefault();

    [GeneratedRegex(@"([A-Z]+)_MANAGEMENT_PORT=\$\{\1_MANAGEMENT_PORT:-(\d+)\}")]
    private static partial Regex ManagementPortDefault();
}
